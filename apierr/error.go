package apierr

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// An Error is one failure as a contract renders it: a [Code], an optional
// custom message, details, field errors, and a cause that is kept for logs
// but never rendered.
//
// The With... methods change the error in place and return it, so an error
// is built in one expression; build it before sharing it between goroutines.
type Error struct {
	code    Code
	d       *codeDef // the code's definition; for a parsed unknown code, one made for it
	message string   // custom message without the code; "" = the catalogue's
	details []Detail
	fields  []FieldError
	cause   error
	time    time.Time
	retry   string        // the Retry-After header value; "" if none
	header  []headerField // the other extra headers
	auth    AuthFailure   // the authentication failure it answers; 0 for none
	cond    Condition     // the condition it was made for, with hasCond
	hasCond bool          // made by ConditionError.In
}

// headerField is one extra response header; strings, not a Detail's any.
type headerField struct{ key, val string }

// New returns an error of the given code, stamped with the current time of
// the package clock (see [SetClock]).
func New(code Code) *Error {
	return &Error{code: code, d: code.def(), time: now()}
}

// NewRetryAfter returns an error that asks the client to come back later:
// New(code).WithRetryAfter(d), then WithHeader for each name, value pair
// of header (a name left without a value is ignored, as WithHeader ignores
// an invalid pair; a Retry-After pair replaces d).
func NewRetryAfter(code Code, d time.Duration, header ...string) *Error {
	e := New(code).WithRetryAfter(d)
	for i := 0; i+1 < len(header); i += 2 {
		e.WithHeader(header[i], header[i+1])
	}
	return e
}

// Wrap returns an error of the given code caused by cause. The cause is
// returned by Unwrap and shown by Error, for logs; it is never rendered.
func Wrap(cause error, code Code) *Error {
	e := New(code)
	e.cause = cause
	return e
}

// As returns err as an *Error: the first *Error in err's chain, or a new
// one when the chain holds a bare [Code]. It reports false otherwise. It
// does not allocate when the chain holds an *Error.
func As(err error) (*Error, bool) {
	if e, ok := errors.AsType[*Error](err); ok && e != nil {
		return e, true
	}
	if c, ok := errors.AsType[Code](err); ok && c.Valid() {
		return Wrap(err, c), true
	}
	return nil, false
}

// With adds a detail, replacing an earlier one of the same key.
func (e *Error) With(key string, value any) *Error {
	for i := range e.details {
		if e.details[i].Key == key {
			e.details[i].Value = value
			return e
		}
	}
	if e.details == nil {
		e.details = make([]Detail, 0, 4) // most errors carry one to four
	}
	e.details = append(e.details, Detail{key, value})
	return e
}

// WithDetails adds every key of m as a detail, in sorted key order.
func (e *Error) WithDetails(m map[string]any) *Error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		e.With(k, m[k])
	}
	return e
}

// Msg replaces the catalogue's message; the contract still puts the code
// before it ("[PAY0001] Payment 42 not found").
func (e *Error) Msg(message string) *Error {
	e.message = message
	return e
}

// Msgf is [Error.Msg] with a format.
func (e *Error) Msgf(format string, args ...any) *Error {
	e.message = fmt.Sprintf(format, args...)
	return e
}

// WithCause sets the error's cause: kept for logs and errors.Is/As, never
// rendered.
func (e *Error) WithCause(cause error) *Error {
	e.cause = cause
	return e
}

// WithFields appends field errors: the fields of a request that failed
// validation. Where they go in the body is the contract's choice (Nexpay v2:
// details.fields).
func (e *Error) WithFields(fields ...FieldError) *Error {
	e.fields = append(e.fields, fields...)
	return e
}

// WithRetryAfter sets the Retry-After header, in whole seconds rounded up
// and at least 1. It and WithHeader("Retry-After", ...) set the same
// header: the last call wins.
func (e *Error) WithRetryAfter(d time.Duration) *Error {
	return e.setHeader("Retry-After", strconv.Itoa(retrySeconds(d)))
}

// maxRetryAfter bounds Retry-After: a year is "much later" to every client,
// and larger values overflow the arithmetic.
const maxRetryAfter = 365 * 24 * time.Hour

func retrySeconds(d time.Duration) int {
	if d > maxRetryAfter {
		d = maxRetryAfter
	}
	s := int((d + time.Second - 1) / time.Second)
	if s < 1 {
		s = 1
	}
	return s
}

// WithHeader adds a response header (Allow, Retry-After, ...). A key or value
// that is not valid in an HTTP header is dropped, never sent.
func (e *Error) WithHeader(key, value string) *Error {
	if !validHeaderKey(key) || !validHeaderValue(value) {
		return e
	}
	return e.setHeader(http.CanonicalHeaderKey(key), value) // no allocation when key already is canonical
}

// setHeader is WithHeader for a valid, canonical key and a valid value.
// Retry-After, the one header most errors that carry any have (a 503),
// is a field of its own.
func (e *Error) setHeader(key, value string) *Error {
	if key == "Retry-After" {
		e.retry = value
		return e
	}
	for i := range e.header {
		if e.header[i].key == key {
			e.header[i].val = value
			return e
		}
	}
	if e.header == nil {
		e.header = make([]headerField, 0, 3) // Allow, or the three rate-limit headers
	}
	e.header = append(e.header, headerField{key, value})
	return e
}

// At sets the error's timestamp.
func (e *Error) At(t time.Time) *Error {
	e.time = t
	return e
}

func (e *Error) def() *codeDef {
	if e.d == nil {
		return e.code.def()
	}
	return e.d
}

// Code returns the error's code; for an error parsed from a body whose code
// no catalogue holds, the zero Code (see [Error.ID]).
func (e *Error) Code() Code { return e.code }

// Catalogue returns the catalogue of the error's code, also for an error of
// a code the catalogue does not hold ([Catalogue.Unregistered]); nil for
// the zero Code.
func (e *Error) Catalogue() *Catalogue { return e.def().cat }

// ID returns the code's wire identifier, also for codes no catalogue holds.
func (e *Error) ID() string { return e.def().ID }

// Status returns the HTTP status.
func (e *Error) Status() int { return e.def().Status }

// Message returns the message with the code, as Nexpay v2 writes it
// ("[PAY0001] Payment not found"; for other catalogues the message alone),
// the custom message included: for logs. Bodies show [Error.PublicText].
func (e *Error) Message() string {
	d := e.def()
	if e.message == "" {
		return d.errText
	}
	if d.cat == nil {
		return e.message
	}
	return d.cat.text(d.ID, e.message)
}

// Text returns the message without the code: the custom message if one was
// set, else the catalogue's. For logs; bodies show [Error.PublicText].
func (e *Error) Text() string {
	if e.message != "" {
		return e.message
	}
	return e.def().Message
}

// PublicText is the message a body may show, without the code: the custom
// message below 500, and at 5xx always the catalogue's, because a custom
// message there (Msgf("...: %v", err)) is the easiest way to leak a cause.
// The custom message stays in Error and Text, for logs.
func (e *Error) PublicText() string {
	d := e.def()
	if e.message != "" && d.Status < 500 {
		return e.message
	}
	return d.Message
}

// Details returns the details in the order added.
func (e *Error) Details() []Detail { return e.details }

// Detail returns the value of one detail.
func (e *Error) Detail(key string) (any, bool) {
	for _, d := range e.details {
		if d.Key == key {
			return d.Value, true
		}
	}
	return nil, false
}

// Fields returns the field errors.
func (e *Error) Fields() []FieldError { return e.fields }

// Time returns the error's timestamp.
func (e *Error) Time() time.Time { return e.time }

// RetryAfter returns the delay of the Retry-After header, set by
// [Error.WithRetryAfter] or [Error.WithHeader]: 0 if there is none, or if
// it is not a number of seconds (an HTTP date).
func (e *Error) RetryAfter() time.Duration {
	if s, err := strconv.Atoi(e.retry); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	return 0
}

// Header returns a copy of the extra response headers, Retry-After
// included.
func (e *Error) Header() http.Header {
	h := make(http.Header, len(e.header)+1)
	if e.retry != "" {
		h["Retry-After"] = []string{e.retry}
	}
	for _, f := range e.header {
		h[f.key] = []string{f.val}
	}
	return h
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.cause }

// AuthFailure returns the authentication failure e answers (see
// [NewAuthFailure]), or 0.
func (e *Error) AuthFailure() AuthFailure { return e.auth }

// Condition returns the condition e was made for by [ConditionError.In],
// and whether it was: a contract of another catalogue answers such an
// error with its own code for the condition, not for the status.
func (e *Error) Condition() (Condition, bool) { return e.cond, e.hasCond }

// Error returns the rendered message and, after a colon, the cause's text:
// for logs. Contracts never render it.
func (e *Error) Error() string {
	if e.cause == nil {
		return e.Message()
	}
	return e.Message() + ": " + e.cause.Error()
}

// Is reports whether target is e's code, or an *Error of the same code.
func (e *Error) Is(target error) bool {
	switch t := target.(type) {
	case Code:
		return t != 0 && e.code == t
	case *Error:
		if t == nil {
			return false
		}
		if e.code != 0 || t.code != 0 {
			return e.code == t.code
		}
		return e.def().cat == t.def().cat && e.ID() == t.ID()
	}
	return false
}

// Format implements fmt.Formatter: %v and %s print Error(); %+v adds the
// details and fields.
func (e *Error) Format(s fmt.State, verb rune) {
	switch verb {
	case 'v', 's':
		_, _ = fmt.Fprint(s, e.Error())
		if verb == 'v' && s.Flag('+') {
			for _, d := range e.details {
				_, _ = fmt.Fprintf(s, "\n  %s: %v", d.Key, d.Value)
			}
			for _, f := range e.fields {
				_, _ = fmt.Fprintf(s, "\n  field %s: %s", f.Field, f.Message)
			}
		}
	case 'q':
		_, _ = fmt.Fprintf(s, "%q", e.Error())
	default:
		_, _ = fmt.Fprintf(s, "%%!%c(*apierr.Error=%s)", verb, e.Error())
	}
}

func validHeaderKey(k string) bool {
	if k == "" || len(k) > 128 {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c == '-' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}

func validHeaderValue(v string) bool {
	if len(v) > 4096 {
		return false
	}
	return !strings.ContainsFunc(v, func(r rune) bool {
		return r < ' ' && r != '\t' || r == 0x7f || r > 0x7e
	})
}
