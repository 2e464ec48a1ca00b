package ginmw

import (
	"errors"
	"io"
	"strconv"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/jsonbody"
	"github.com/errkit/errkit/middleware"
	"github.com/gin-gonic/gin/binding"
	"github.com/go-playground/validator/v10"
)

// Classify returns what contract c answers err with, on the gin door:
//
//   - an [*apierr.Error] or [*apierr.ConditionError] at any wrapping
//     depth: as [middleware.Classify] says (package ginvalidation's
//     binding fails with these, every bad value named by its JSON path);
//   - validator/v10's ValidationErrors (gin's default binding validator):
//     [apierr.Validation] with a field error each, named by the Go field
//     and its rule, "<Field> is invalid"; package ginvalidation's
//     validator names them by JSON path, with the validation package's
//     messages;
//   - io.EOF or io.ErrUnexpectedEOF, unwrapped, as gin's JSON binding
//     returns an empty or truncated body: [apierr.BadRequest], as
//     [middleware.Classify] answers a truncated body;
//   - a parameter that does not parse (c.ShouldBindQuery's
//     strconv errors, a binding.SliceValidationError): [apierr.BadRequest];
//   - an error recorded with a status (c.AbortWithError(401, err)): the
//     status's code in c, unless err itself has a code other than
//     [apierr.Internal]; a status gin or a handler left without a body: the
//     contract's code for it ([apierr.NotFound] for gin's 404,
//     [apierr.MethodNotAllowed] for its 405);
//   - anything else: as [middleware.Classify] says.
func Classify(err error, c apierr.Contract) (*apierr.Error, bool) {
	if err == nil {
		return nil, false
	}
	if c == nil {
		c = apierr.Nexpay
	}
	if h, ok := err.(*statusHint); ok {
		e, ok := Classify(h.err, c)
		if ok && e.Code() == c.Code(apierr.Internal) && !hasCode(h.err) {
			return apierr.Wrap(h.err, c.Code(apierr.ConditionForStatus(h.status))), true
		}
		return e, ok
	}
	if e, ok := apierr.As(err); ok {
		return e, true
	}
	if _, ok := errors.AsType[*apierr.ConditionError](err); ok {
		return middleware.Classify(err, c)
	}
	if ve, ok := errors.AsType[validator.ValidationErrors](err); ok {
		ce := &apierr.ConditionError{Condition: apierr.Validation, Fields: fieldsOf(ve), Cause: err}
		return ce.In(c), true
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		// gin's JSON binding reports an empty or truncated body so, bare.
		return jsonbody.Classify(err).In(c), true
	}
	if _, ok := errors.AsType[*strconv.NumError](err); ok {
		return apierr.Wrap(err, c.Code(apierr.BadRequest)), true
	}
	if _, ok := errors.AsType[binding.SliceValidationError](err); ok {
		return apierr.Wrap(err, c.Code(apierr.BadRequest)), true
	}
	return middleware.Classify(err, c)
}

// hasCode reports whether err carries a code or condition of its own (a
// recovered panic does: Internal).
func hasCode(err error) bool {
	if _, ok := apierr.As(err); ok {
		return true
	}
	_, ok := errors.AsType[*apierr.ConditionError](err)
	return ok
}

// fieldsOf lists the failures of gin's default validator, which knows no
// JSON names nor messages: the Go field, the rule and its parameter.
func fieldsOf(ve validator.ValidationErrors) []apierr.FieldError {
	fields := make([]apierr.FieldError, len(ve))
	for i, fe := range ve {
		fields[i] = apierr.FieldError{Field: fe.Field(), Rule: fe.Tag(), Param: fe.Param(), Message: fe.Field() + " is invalid"}
	}
	return fields
}

// statusError is the error an error status left without a body is
// answered with: the condition of its status.
func statusError(status int) error {
	return apierr.NewCondition(apierr.ConditionForStatus(status))
}

// statusHint is an error recorded in a response whose error status was
// set (c.AbortWithError): the status is the answer's when the error has
// no code of its own.
type statusHint struct {
	status int
	err    error
}

func (h *statusHint) Error() string {
	return h.err.Error() + " (status " + strconv.Itoa(h.status) + ")"
}
func (h *statusHint) Unwrap() error { return h.err }
