package echomw

import (
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/jsonbody"
	"github.com/errkit/errkit/middleware"
	"github.com/labstack/echo/v4"
)

// Classify returns what contract c answers err with, on the echo door:
//
//   - an [*apierr.Error] at any wrapping depth: as it is;
//   - echo.ErrNotFound (no route): [apierr.NotFound] (404); the router's
//     echo.ErrMethodNotAllowed: [apierr.MethodNotAllowed] (405), the Allow
//     header echo set is kept;
//   - echo.ErrStatusRequestEntityTooLarge (the BodyLimit middleware):
//     [apierr.TooLarge] (413); echo.ErrUnsupportedMediaType (the binder):
//     [apierr.UnsupportedMediaType] (415);
//   - a binder error (an *echo.HTTPError 400 holding a JSON error, or an
//     *echo.BindingError): 400 with the byte offset or the field, as
//     [middleware.Classify] says; a body
//     over http.MaxBytesReader's limit: 413;
//   - echo's rate limiter denial (429): [apierr.RateLimited] with
//     Retry-After 1;
//   - any other *echo.HTTPError: the contract's code for its status;
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
	if be, ok := errors.AsType[*echo.BindingError](err); ok && be != nil {
		e := apierr.New(c.Code(apierr.BadRequest)).WithCause(err)
		if be.Field != "" {
			e.WithFields(apierr.FieldError{Field: be.Field, Rule: "type", Message: be.Field + " has an invalid value"})
		}
		return e, true
	}
	he, ok := errors.AsType[*echo.HTTPError](err)
	if !ok || he == nil {
		return middleware.Classify(err, c)
	}
	if inner, ok := he.Internal.(*echo.HTTPError); ok && inner != nil {
		he = inner
	}
	switch he.Code {
	case http.StatusBadRequest:
		if he.Internal != nil {
			// err unwraps to he.Internal: classified whole, it stays the cause.
			if e, ok := middleware.Classify(err, c); ok && e.Code() != c.Code(apierr.Internal) {
				return e, true
			}
			if errors.Is(he.Internal, io.EOF) || errors.Is(he.Internal, io.ErrUnexpectedEOF) {
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
	if he.Code < 400 || he.Code > 599 {
		return apierr.Wrap(err, c.Code(apierr.Internal)), true
	}
	return apierr.Wrap(err, c.Code(apierr.ConditionForStatus(he.Code))), true
}
