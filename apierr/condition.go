package apierr

import "slices"

// A ConditionError is a failure that stands for a generic [Condition] rather
// than a code: packages that do not know the server's contract (validation,
// binding, limits) return one, and the middleware renders it with the
// contract's code for the condition ([ConditionError.In]).
type ConditionError struct {
	Condition Condition    // what failed, answered with the contract's code for it
	Fields    []FieldError // invalid fields, for Validation and BadRequest
	Details   []Detail     // extra details (an offset into the body, a limit)
	Message   string       // custom message; "" for the code's own
	Cause     error        // kept for logs, never rendered
	Auth      AuthFailure  // for Unauthorized and Forbidden: the check that failed, answered with the contract's code for it; 0 for none
}

// NewCondition returns a ConditionError for cond.
func NewCondition(cond Condition) *ConditionError { return &ConditionError{Condition: cond} }

// With adds a detail.
func (e *ConditionError) With(key string, value any) *ConditionError {
	e.Details = append(e.Details, Detail{key, value})
	return e
}

// WithFields adds field errors.
func (e *ConditionError) WithFields(fields ...FieldError) *ConditionError {
	e.Fields = append(e.Fields, fields...)
	return e
}

// WithCause sets the cause.
func (e *ConditionError) WithCause(err error) *ConditionError {
	e.Cause = err
	return e
}

// Error returns the condition's name, the authentication failure's in
// parentheses, then the message or cause.
func (e *ConditionError) Error() string {
	s := e.Condition.String()
	if e.Auth != 0 {
		s += " (" + e.Auth.String() + ")"
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.Cause != nil {
		s += ": " + e.Cause.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *ConditionError) Unwrap() error { return e.Cause }

// In returns the error as contract c answers it: c's code for the
// condition (for an authentication failure, c's code for it, see [AuthFailure]),
// with the fields, details and cause. The error remembers the condition
// ([Error.Condition]): rendered in another contract, it is that
// contract's code for the condition.
func (e *ConditionError) In(c Contract) *Error {
	if c == nil {
		c = nexpay
	}
	code := c.Code(e.Condition)
	if e.Auth != 0 {
		code = authCode(c, e.Auth)
	}
	// Clipped, so that an error that adds fields copies the list rather
	// than write into room another error from e may hold.
	out := &Error{code: code, d: code.def(), time: now(), message: e.Message, fields: slices.Clip(e.Fields), cause: e.Cause, auth: e.Auth,
		cond: e.Condition, hasCond: true}
	for _, d := range e.Details {
		out.With(d.Key, d.Value)
	}
	return out
}
