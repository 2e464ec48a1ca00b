package kit

import (
	"bytes"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/internal/contracts"
	"github.com/errkit/errkit/apierr/internal/wire"
)

// JSONContentType is the Content-Type of JSON error bodies.
const JSONContentType = "application/json; charset=utf-8"

// TimestampLayout is the layout of error timestamps: RFC 3339 in UTC with
// milliseconds ("2026-01-15T10:30:00.000Z").
const TimestampLayout = "2006-01-02T15:04:05.000Z07:00"

// AppendString appends s as a JSON string, escaped as encoding/json escapes
// it (HTML-safe); invalid UTF-8 becomes U+FFFD.
func AppendString(dst []byte, s string) []byte { return wire.AppendString(dst, s) }

// AppendEscaped appends s escaped as [AppendString] does, without the
// quotes, so that a string can be written in parts.
func AppendEscaped(dst []byte, s string) []byte { return wire.AppendEscaped(dst, s) }

// AppendValue appends v as JSON, as encoding/json writes it. Strings,
// booleans, integers, nil and json.Number are written without reflection.
// A value JSON cannot carry (a channel, a function, NaN) is an error.
func AppendValue(dst []byte, v any) ([]byte, error) { return wire.AppendValue(dst, v) }

// AppendTimestamp appends t in UTC as [TimestampLayout] formats it.
func AppendTimestamp(dst []byte, t time.Time) []byte { return wire.AppendTimestamp(dst, t) }

// ParseTimestamp parses a timestamp of a body (RFC 3339), in UTC.
func ParseTimestamp(s string) (time.Time, error) { return wire.ParseTimestamp(s) }

// DecodeDetails decodes a details object of a parsed body: its keys in the
// order sent, each value decoded with numbers kept as json.Number (so
// nothing is rounded), and a "fields" member that is a list of field errors
// returned as fields rather than as a detail. null or an empty raw decode to
// nothing; anything but an object is an error.
func DecodeDetails(raw []byte) ([]apierr.Detail, []apierr.FieldError, error) {
	members, fields, err := wire.Details(raw, validField)
	var details []apierr.Detail
	for _, m := range members {
		details = append(details, apierr.Detail(m))
	}
	return details, fields, err
}

// DecodeFields decodes a JSON array of field errors; it reports false for
// anything else, or for entries with neither a field nor a message.
func DecodeFields(raw []byte) ([]apierr.FieldError, bool) { return wire.List(raw, validField) }

func validField(f apierr.FieldError) bool { return f.Field != "" || f.Message != "" }

// IsTraceHex reports whether s is 32 hex digits, as a trace field of a
// parsed body must be to be kept.
func IsTraceHex(s string) bool { return wire.IsTraceHex(s) }

// TraceHex returns the 32 lower-case hex digits of a trace field (Nexpay
// legacy traceId, Cryptopay meta.request_id) for a request ID: the ID itself
// when it is 32 hex digits (a W3C trace ID), else the first 16 bytes of its
// SHA-256, so one request always shows one trace. It is how
// [apierr.MetaOf] derives [apierr.Meta].TraceID.
func TraceHex(id string) string { return wire.TraceHex(id) }

// ShowsTrace reports whether contract c's bodies show a trace ID
// ([apierr.Meta].TraceID): whether c, or a contract it overrides (see
// [apierr.Override]), has a method ShowsTrace() bool that returns true.
// Whoever builds an [apierr.Meta] for [apierr.RenderMeta] derives the trace
// ID ([TraceHex]) only for such a contract; the others never read it.
func ShowsTrace(c apierr.Contract) bool { return wire.ShowsTrace(c) }

// NewParseError returns the error a Parse gives for a body that is not of
// the contract, keeping the first 256 bytes of body.
func NewParseError(contract string, status int, body []byte, err error) *apierr.ParseError {
	return &apierr.ParseError{Contract: contract, Status: status, Body: bytes.Clone(body[:min(len(body), 256)]), Err: err}
}

// ParseObject is how every Parse starts: it returns body without
// surrounding space, or a [*apierr.ParseError] of contract when status
// (unless 0) is not an error status or body is not a JSON object.
func ParseObject(contract string, status int, body []byte) ([]byte, error) {
	trimmed, err := wire.Object(status, body)
	if err != nil {
		return nil, NewParseError(contract, status, body, err)
	}
	return trimmed, nil
}

// RegisterContract ties c's catalogue to c, so that json.Marshal of an
// error of that catalogue renders c's body. A contract package calls it
// once, at initialisation.
func RegisterContract(c apierr.Contract) { contracts.Register(c.Catalogue(), c) }

// CodeFor returns the code c answers status with: c's code for
// [apierr.ConditionForStatus] of it.
func CodeFor(c apierr.Contract, status int) apierr.Code {
	return c.Code(apierr.ConditionForStatus(status))
}

// A Conditions is the code a contract answers each [apierr.Condition] with;
// its Code method is the one a contract's Code can return.
type Conditions map[apierr.Condition]apierr.Code

// Code returns the code for cond, or the one for [apierr.Internal] when the
// map has none.
func (m Conditions) Code(cond apierr.Condition) apierr.Code {
	if code, ok := m[cond]; ok {
		return code
	}
	return m[apierr.Internal]
}

// MustJSON returns json.Marshal(v) and panics on error: for the JSON
// Schemas a contract builds from literals.
func MustJSON(v any) []byte { return wire.MustJSON(v) }

// An AuthCodes is the code a contract answers each [apierr.AuthFailure]
// with; its Code method is the one a contract's AuthCode can return (the
// zero Code for a failure it has no code for, which [AuthCode] answers with
// the contract's [apierr.Unauthorized] code).
type AuthCodes map[apierr.AuthFailure]apierr.Code

// Code returns the code for f, or the zero Code.
func (m AuthCodes) Code(f apierr.AuthFailure) apierr.Code { return m[f] }

// AuthCode returns the code contract c (nil means [apierr.Nexpay]) answers
// authentication failure f with: the code of c's optional method
// AuthCode(apierr.AuthFailure) apierr.Code, looked up also through
// contracts that [apierr.Override] wraps, or else, when c has none or it
// returns the zero Code, c's code for [apierr.Unauthorized]. It is the code
// [apierr.NewAuthFailure](f) is answered with.
func AuthCode(c apierr.Contract, f apierr.AuthFailure) apierr.Code {
	return apierr.NewAuthFailure(f).In(c).Code()
}

// AuthFailures returns every authentication failure, in order.
func AuthFailures() []apierr.AuthFailure {
	var out []apierr.AuthFailure
	for f := apierr.AuthFailure(1); f.Valid(); f++ {
		out = append(out, f)
	}
	return out
}

// AllConditions returns every [apierr.Condition], in order.
func AllConditions() []apierr.Condition {
	var out []apierr.Condition
	for c := apierr.Condition(0); c.Valid(); c++ {
		out = append(out, c)
	}
	return out
}
