package echov5mw

import (
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/jsonbody"
	"github.com/errkit/errkit/middleware"
	"github.com/labstack/echo/v5"
)

// Classify returns what contract c answers err with, on the echo v5 door:
//
//   - an [*apierr.Error] or [*apierr.ConditionError] at any wrapping
//     depth: as [middleware.Classify] says;
//   - echo.ErrNotFound (no route): [apierr.NotFound] (404); the router's
//     echo.ErrMethodNotAllowed: [apierr.MethodNotAllowed] (405), the Allow
//     header echo set is kept;
//   - echo.ErrStatusRequestEntityTooLarge (the BodyLimit middleware):
//     [apierr.TooLarge] (413); a 415 of the binder:
//     [apierr.UnsupportedMediaType];
//   - a binder error (a 400 wrapping a JSON error, or an
//     *echo.BindingError): 400 with the byte offset or the field, as
//     [middleware.Classify] says;
//   - echo's rate limiter denial (429): [apierr.RateLimited] with
//     Retry-After 1;
//   - any other error with a status (echo.HTTPStatusCoder: *echo.HTTPError
//     and echo's predefined errors): the contract's code for its status;
//     its message, which may quote the request, is never rendered;
//   - anything else: as [middleware.Classify] says.
func Classify(err error, c apierr.Contract) (*apierr.Error, bool) {
	if err == nil {
		return nil, false
	}
	if c == nil {
		c = apierr.Nexpay
	}
	if e, ok := apierr.As(err); ok {
		return e, true
	}
	if _, ok := errors.AsType[*apierr.ConditionError](err); ok {
		return middleware.Classify(err, c)
	}
	if be, ok := errors.AsType[*echo.BindingError](err); ok && be != nil {
		e := apierr.New(c.Code(apierr.BadRequest)).WithCause(err)
		if be.Field != "" {
			e.WithFields(apierr.FieldError{Field: be.Field, Rule: "type", Message: be.Field + " has an invalid value"})
		}
		return e, true
	}
	status := echo.StatusCode(err)
	if status == 0 {
		return middleware.Classify(err, c)
	}
	switch status {
	case http.StatusBadRequest:
		if inner := errors.Unwrap(err); inner != nil {
			// err unwraps to inner: classified whole, it stays the cause.
			if e, ok := middleware.Classify(err, c); ok && e.Code() != c.Code(apierr.Internal) {
				return e, true
			}
			if errors.Is(inner, io.EOF) || errors.Is(inner, io.ErrUnexpectedEOF) {
				// The binder read an empty or truncated body.
				return jsonbody.Classify(err).In(c), true
			}
		}
		return apierr.Wrap(err, c.Code(apierr.BadRequest)), true
	case http.StatusRequestEntityTooLarge:
		return apierr.Wrap(err, c.Code(apierr.TooLarge)), true
	case http.StatusTooManyRequests:
		return apierr.Wrap(err, c.Code(apierr.RateLimited)).WithRetryAfter(time.Second), true
	}
	if status < 400 || status > 599 {
		return apierr.Wrap(err, c.Code(apierr.Internal)), true
	}
	return apierr.Wrap(err, c.Code(apierr.ConditionForStatus(status))), true
}
