package validation

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"strings"

	"github.com/errkit/errkit/apierr"
)

// Messages of the binding failures; the contract puts its code before them.
const (
	msgEmpty     = "Request body is empty"
	msgTruncated = "Request body ends before the JSON value is complete"
	msgMalformed = "Request body is not valid JSON"
	msgTooDeep   = "Request body nests too deeply"
	msgTooLarge  = "Request body is too large"
	msgTimeout   = "Request body was not received in time"
	msgUnread    = "Request body is invalid"
)

// DecodeError classifies an error of encoding/json (or of reading the body
// it decoded) as the failure the client should see:
//
//   - a body that is not JSON: [apierr.BadRequest] with the detail "offset",
//     the 0-based byte offset of the first bad byte;
//   - an empty body (io.EOF) or a truncated one (io.ErrUnexpectedEOF):
//     [apierr.BadRequest] saying so;
//   - a value of the wrong type: [apierr.BadRequest] with a field error on
//     its JSON path, rule "type" ("amount must be a string");
//   - an unknown field (Decoder.DisallowUnknownFields): [apierr.BadRequest]
//     with a field error of rule "unknown";
//   - a body over http.MaxBytesReader's limit: [apierr.TooLarge] with the
//     detail "limit";
//   - nesting beyond encoding/json's depth limit: [apierr.BadRequest];
//   - a read deadline: [apierr.RequestTimeout].
//
// Any other error is a [apierr.BadRequest] with a generic message. The error
// is kept as the cause, for logs; it is never rendered. DecodeError returns
// nil for nil.
func DecodeError(err error) *apierr.ConditionError {
	if err == nil {
		return nil
	}
	var ce *apierr.ConditionError
	if errors.As(err, &ce) {
		return ce
	}
	bad := func(msg string) *apierr.ConditionError {
		return &apierr.ConditionError{Condition: apierr.BadRequest, Message: msg, Cause: err}
	}
	var (
		maxErr    *http.MaxBytesError
		syntaxErr *json.SyntaxError
		typeErr   *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &maxErr):
		return (&apierr.ConditionError{Condition: apierr.TooLarge, Message: msgTooLarge, Cause: err}).
			With("limit", maxErr.Limit)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return bad(msgTruncated)
	case errors.Is(err, io.EOF):
		return bad(msgEmpty)
	case errors.As(err, &syntaxErr):
		if strings.Contains(syntaxErr.Error(), "exceeded max depth") {
			return bad(msgTooDeep).With("offset", syntaxErr.Offset-1)
		}
		return bad(msgMalformed).With("offset", syntaxErr.Offset-1)
	case errors.As(err, &typeErr):
		return bad("").WithFields(typeField(typeErr.Field, typeErr.Value, typeErr.Type))
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return &apierr.ConditionError{Condition: apierr.RequestTimeout, Message: msgTimeout, Cause: err}
	}
	if name, ok := unknownFieldName(err); ok {
		return bad("").WithFields(unknownField(name))
	}
	var invalid *json.InvalidUnmarshalError
	if errors.As(err, &invalid) {
		// The destination is not a pointer: the server's mistake.
		return &apierr.ConditionError{Condition: apierr.Internal, Cause: err}
	}
	return bad(msgUnread)
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

func unknownField(path string) apierr.FieldError {
	return apierr.FieldError{Field: path, Rule: "unknown", Message: path + " is not a known field"}
}

// typeField is the field error of a JSON value of the wrong type. value is
// encoding/json's description of what was sent ("string", "number 1.5").
func typeField(path, value string, t reflect.Type) apierr.FieldError {
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
