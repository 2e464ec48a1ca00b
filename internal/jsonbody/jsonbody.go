// Package jsonbody classifies the failures of reading a JSON request body
// with encoding/json as the [apierr] conditions a client sees. Package
// validation and the middleware both answer with it, so that a net/http
// server answers a bad body alike whether or not it uses validation.
package jsonbody

import (
	"context"
	"encoding"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/errkit/errkit/apierr"
)

// Bounds of what an answer repeats of a request.
const (
	// MaxKeyBytes is the longest member name or map key from the body
	// repeated in a field path; a longer one is cut and ends in "…".
	MaxKeyBytes = 64
	// MaxPathBytes is the longest field path, however deep; a longer one
	// is cut and ends in "…".
	MaxPathBytes = 256
)

var textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()

// Reasons a body is a [apierr.BadRequest], in its detail "reason"; the
// detail "problem" says the same in English. The message stays the code's
// own, as the contract's catalogue has it.
const (
	ReasonEmpty        = "empty"         // no body, or only white space
	ReasonTruncated    = "truncated"     // the body ends inside the value
	ReasonMalformed    = "malformed"     // not JSON; "offset" says where
	ReasonTooDeep      = "too_deep"      // nests beyond the limit; "offset", "maxDepth"
	ReasonTrailingData = "trailing_data" // more after the value; "offset"
	ReasonUnreadable   = "unreadable"    // the body could not be read
)

// Problems of the body, in the detail "problem"; the English sentences of
// the reasons above.
const (
	ProblemEmpty     = "Request body is empty"
	ProblemTruncated = "Request body ends before the JSON value is complete"
	ProblemMalformed = "Request body is not valid JSON"
	ProblemTooDeep   = "Request body nests too deeply"
	ProblemTrailing  = "Request body has data after the JSON value"
	ProblemUnread    = "Request body could not be read"
)

// Messages of the failures that are not a [apierr.BadRequest].
const (
	MessageTooLarge = "Request body is too large"
	MessageTimeout  = "Request body was not received in time"
)

// BadBody is the [apierr.BadRequest] of a body that is not one JSON value.
// Without a cause of its own, the problem is the cause, for logs.
func BadBody(reason, problem string, cause error) *apierr.ConditionError {
	if cause == nil {
		cause = errors.New(strings.ToLower(problem[:1]) + problem[1:])
	}
	return (&apierr.ConditionError{Condition: apierr.BadRequest, Cause: cause}).
		With("reason", reason).With("problem", problem)
}

// Classify classifies an error of encoding/json (or of reading the body
// it decoded) as the failure the client should see:
//
//   - a body that is not JSON: [apierr.BadRequest] with the details
//     "reason" [ReasonMalformed], "problem" (an English sentence) and
//     "offset", the 0-based byte offset of the first bad byte;
//   - an empty body (io.EOF) or a truncated one (io.ErrUnexpectedEOF):
//     [apierr.BadRequest] with the reason [ReasonEmpty] or [ReasonTruncated];
//   - a value of the wrong type: [apierr.BadRequest] with a field error on
//     its JSON path, rule "type" ("amount must be a string");
//   - an unknown field (Decoder.DisallowUnknownFields): [apierr.BadRequest]
//     with a field error of rule "unknown";
//   - a body over http.MaxBytesReader's limit: [apierr.TooLarge] with the
//     detail "limit";
//   - nesting beyond encoding/json's depth limit: [apierr.BadRequest] with
//     the reason [ReasonTooDeep];
//   - a read deadline: [apierr.RequestTimeout].
//
// Any other error is a [apierr.BadRequest] with the reason
// [ReasonUnreadable]. A [apierr.BadRequest] keeps the code's message. The error
// is kept as the cause, for logs; it is never rendered. Classify returns
// nil for nil.
func Classify(err error) *apierr.ConditionError {
	if err == nil {
		return nil
	}
	var ce *apierr.ConditionError
	if errors.As(err, &ce) {
		return ce
	}
	var (
		maxErr    *http.MaxBytesError
		syntaxErr *json.SyntaxError
		typeErr   *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &maxErr):
		return (&apierr.ConditionError{Condition: apierr.TooLarge, Message: MessageTooLarge, Cause: err}).
			With("limit", maxErr.Limit)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return BadBody(ReasonTruncated, ProblemTruncated, err)
	case errors.Is(err, io.EOF):
		return BadBody(ReasonEmpty, ProblemEmpty, err)
	case errors.As(err, &syntaxErr):
		if strings.Contains(syntaxErr.Error(), "exceeded max depth") {
			return BadBody(ReasonTooDeep, ProblemTooDeep, err).With("offset", syntaxErr.Offset-1)
		}
		return BadBody(ReasonMalformed, ProblemMalformed, err).With("offset", syntaxErr.Offset-1)
	case errors.As(err, &typeErr):
		return (&apierr.ConditionError{Condition: apierr.BadRequest, Cause: err}).
			WithFields(TypeField(ClipPath(typeErr.Field), typeErr.Value, typeErr.Type))
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return &apierr.ConditionError{Condition: apierr.RequestTimeout, Message: MessageTimeout, Cause: err}
	}
	if name, ok := unknownFieldName(err); ok {
		return (&apierr.ConditionError{Condition: apierr.BadRequest, Cause: err}).
			WithFields(UnknownField(ClipKey(name)))
	}
	var invalid *json.InvalidUnmarshalError
	if errors.As(err, &invalid) {
		// The destination is not a pointer: the server's mistake.
		return &apierr.ConditionError{Condition: apierr.Internal, Cause: err}
	}
	return BadBody(ReasonUnreadable, ProblemUnread, err)
}

// unknownFieldName reads the key out of encoding/json's
// `json: unknown field "x"`, which has no type of its own.
func unknownFieldName(err error) (string, bool) {
	const prefix = `json: unknown field `
	for e := err; e != nil; e = errors.Unwrap(e) {
		s := e.Error()
		if !strings.HasPrefix(s, prefix) {
			continue
		}
		name, uerr := strconv.Unquote(s[len(prefix):])
		if uerr != nil {
			name = strings.Trim(s[len(prefix):], `"`)
		}
		return name, true
	}
	return "", false
}

// UnknownField is the field error of a member the destination has no
// field for.
func UnknownField(path string) apierr.FieldError {
	return apierr.FieldError{Field: path, Rule: "unknown", Message: path + " is not a known field"}
}

// TypeField is the field error of a JSON value of the wrong type. value is
// encoding/json's description of what was sent ("string", "number 1.5").
func TypeField(path, value string, t reflect.Type) apierr.FieldError {
	name := path
	if name == "" {
		name = "request body"
	}
	return apierr.FieldError{Field: path, Rule: "type", Param: typeName(t), Message: name + " " + typeSentence(value, t)}
}

// typeName is the JSON type a Go type is decoded from.
func typeName(t reflect.Type) string {
	if t == nil {
		return ""
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Implements(textUnmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return "string"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Struct, reflect.Map:
		return "object"
	case reflect.Slice, reflect.Array:
		return "array"
	}
	return ""
}

// typeSentence says what a value must be, after the field's name.
func typeSentence(value string, t reflect.Type) string {
	want := typeName(t)
	switch want {
	case "integer":
		if strings.HasPrefix(value, "number") && strings.Trim(value[len("number"):], " -0123456789") == "" {
			return "is out of range for an integer field"
		}
		return "must be an integer"
	case "array", "object":
		return "must be an " + want
	case "":
		return "has the wrong type"
	}
	return "must be a " + want
}

// ClipKey cuts s, a name the client sent, to [MaxKeyBytes] on a rune
// boundary, marking the cut with "…".
func ClipKey(s string) string {
	return clip(s, MaxKeyBytes)
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// ClipPath cuts every name and bracketed key of a field path to
// [MaxKeyBytes], then the path to a bound of its own; a short path is
// returned as it is.
func ClipPath(p string) string {
	if len(p) <= MaxKeyBytes {
		return p
	}
	var b strings.Builder
	for p != "" {
		var seg string
		if p[0] == '[' {
			b.WriteByte('[')
			end := strings.IndexByte(p, ']')
			if end < 0 {
				b.WriteString(ClipKey(p[1:]))
				break
			}
			b.WriteString(ClipKey(p[1:end]))
			b.WriteByte(']')
			p = p[end+1:]
			continue
		}
		end := strings.IndexAny(p[1:], ".[")
		if end < 0 {
			seg, p = p, ""
		} else {
			seg, p = p[:end+1], p[end+1:]
		}
		if seg[0] == '.' {
			b.WriteByte('.')
			seg = seg[1:]
		}
		b.WriteString(ClipKey(seg))
	}
	return clip(b.String(), MaxPathBytes)
}
