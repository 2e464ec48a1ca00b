package middleware

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/jsonbody"
)

// Classify returns what contract c answers err with. It reports false when
// err is nil or is context.Canceled at any wrapping depth: the client may
// have gone away, which only the request tells. [Set.Respond] (and the
// echo door's error handler) then write nothing when the request's own
// context is done, and answer the contract's [apierr.Internal] code
// otherwise (a handler's own context was cancelled).
//
//   - an [*apierr.Error] or [apierr.Code] at any wrapping depth: as it is;
//   - an [*apierr.ConditionError] at any wrapping depth: c's code for its
//     condition. Errors classify themselves this way: those of package
//     validation (DecodeJSON, Validate) are conditions, so this package
//     answers them without importing it;
//   - context.DeadlineExceeded: c's [apierr.Timeout] code (504);
//   - an [*http.MaxBytesError]: [apierr.TooLarge] (413) with the limit;
//   - an encoding/json decoding error (syntax, type, unknown field): 400
//     with the offset or the field, as validation.DecodeError says;
//   - anything else: c's [apierr.Internal] code (500) with the catalogue's
//     message; err stays the cause, for logs.
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
	if ce, ok := errors.AsType[*apierr.ConditionError](err); ok && ce != nil {
		return withCause(ce.In(c), err), true
	}
	if errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		return nil, false
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return apierr.Wrap(err, c.Code(apierr.Timeout)), true
	}
	if isDecodeError(err) {
		return jsonbody.Classify(err).In(c), true
	}
	return apierr.Wrap(err, c.Code(apierr.Internal)), true
}

// withCause keeps the whole chain as the cause when the condition had none.
func withCause(e *apierr.Error, err error) *apierr.Error {
	if e.Unwrap() == nil {
		e.WithCause(err)
	}
	return e
}

// isDecodeError reports whether err is a failure to read a JSON request
// body, as opposed to a server-side encoding mistake.
func isDecodeError(err error) bool {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return true
	}
	if _, ok := errors.AsType[*json.SyntaxError](err); ok {
		return true
	}
	if _, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		return true
	}
	for e := err; e != nil; e = errors.Unwrap(e) {
		if strings.HasPrefix(e.Error(), "json: unknown field ") {
			return true
		}
	}
	return false
}
