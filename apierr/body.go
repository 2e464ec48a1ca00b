package apierr

import (
	"time"

	"github.com/errkit/errkit/apierr/internal/wire"
)

// A Body is an error as a contract renders it: the values [RenderMeta]
// resolved once, with the (possibly overridden) contract, and the request
// metadata. A contract's AppendBody writes them as they are and never works
// out a code, message or status again.
type Body struct {
	// Code is the code rendered: the error's own when it is of the
	// contract's catalogue; for an error made for a condition
	// ([ConditionError.In]) in another, the contract's code for that
	// condition (or authentication failure); else the contract's code for
	// its status. It
	// is the zero Code when the error's code is one its catalogue does not
	// hold (a parsed body's, see [Catalogue.Unregistered]); ID and Status
	// are then the error's.
	Code    Code
	ID      string       // Code's wire identifier, without decoration: "PAY0001"
	Status  int          // the response's HTTP status
	Message string       // the public message, without the code; never a cause's text, nor a custom message at 5xx
	Time    time.Time    // when the error happened; never zero
	Details []Detail     // the error's details, in the order added
	Fields  []FieldError // the error's field errors
	Meta    Meta         // what the contract may show of the request
	Auth    AuthFailure  // the authentication failure answered, 0 for none: for contracts with a kind of problem per failure
}

// resolve decides what contract c renders e with, the one rule every
// contract shares: an error of c's catalogue (also a parsed code the
// catalogue does not hold) keeps its code, status and public message; an
// error made for a condition in another contract ([ConditionError.In]) is
// answered with c's code for that condition (for an authentication
// failure, c's code for it), with its custom message if any below 500; any
// other is answered with c's code for its status, keeping its public
// message only when both statuses are below 500. The cause is never part of
// it.
func resolve(c Contract, e *Error, m Meta) Body {
	b := Body{Time: e.time, Details: e.details, Fields: e.fields, Meta: m, Auth: e.auth}
	if b.Time.IsZero() {
		b.Time = now()
	}
	if cat := e.Catalogue(); cat != nil && cat == c.Catalogue() {
		b.Code, b.ID, b.Status, b.Message = e.code, e.ID(), e.Status(), e.PublicText()
		return b
	}
	cond, text := ConditionForStatus(e.Status()), e.PublicText()
	if e.hasCond {
		cond, text = e.cond, e.message
	}
	b.Code = c.Code(cond)
	if e.hasCond && e.auth != 0 {
		b.Code = authCode(c, e.auth)
	}
	b.ID, b.Status, b.Message = b.Code.ID(), b.Code.Status(), b.Code.Message()
	if text != "" && e.Status() < 500 && b.Status < 500 {
		b.Message = text
	}
	return b
}

// AnsweredIn returns the code ID and status contract c answers e with,
// the ones [RenderMeta] writes: e's own for an error of c's catalogue,
// else c's code for e's condition or status. Logs and metrics report them,
// so that they say what the client received.
func (e *Error) AnsweredIn(c Contract) (id string, status int) {
	if c == nil {
		c = nexpay
	}
	b := resolve(c, e, Meta{})
	return b.ID, b.Status
}

// AppendDetails appends b's details as a JSON object, in the order added,
// with the field errors as a list under "fields" (in place of a detail of
// that name): the details object of Nexpay v2 and NextAPI bodies. It fails
// for a value JSON cannot carry (a channel, NaN), naming its key.
func (b Body) AppendDetails(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	n := 0
	for _, kv := range b.Details {
		if kv.Key == "fields" && len(b.Fields) > 0 {
			continue
		}
		var err error
		if dst, err = wire.AppendMember(dst, n, kv.Key, kv.Value); err != nil {
			return dst, err
		}
		n++
	}
	if len(b.Fields) > 0 {
		if n > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `"fields":`...)
		dst = b.AppendFields(dst)
	}
	return append(dst, '}'), nil
}

// AppendFields appends b's field errors as a JSON array of objects with
// field, in (when not the body), rule and param (when set) and message.
func (b Body) AppendFields(dst []byte) []byte {
	dst = append(dst, '[')
	for i, f := range b.Fields {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = wire.AppendField(dst, f.Field, f.In, f.Rule, f.Param, f.Message)
	}
	return append(dst, ']')
}
