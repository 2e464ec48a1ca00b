// Package wire holds the JSON building blocks that package apierr and the
// contract authors' kit both need: encoders that append what encoding/json
// writes, the error timestamp, and the start of every Parse.
package wire

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// JSONContentType is the Content-Type of JSON error bodies.
const JSONContentType = "application/json; charset=utf-8"

// TimestampLayout is the layout of error timestamps: RFC 3339 in UTC with
// milliseconds ("2026-01-15T10:30:00.000Z").
const TimestampLayout = "2006-01-02T15:04:05.000Z07:00"

const hexDigits = "0123456789abcdef"

// AppendString appends s as a JSON string, escaped as encoding/json escapes
// it (HTML-safe); invalid UTF-8 becomes U+FFFD.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	return append(AppendEscaped(dst, s), '"')
}

// AppendEscaped appends s escaped as AppendString does, without the
// quotes, so that a string can be written in parts.
func AppendEscaped(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= ' ' && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(dst, s[start:]...)
}

var errUnsupported = errors.New("value cannot be encoded as JSON")

// AppendValue appends v as JSON. Strings, booleans, integers, nil and
// json.Number are written directly; other values go through encoding/json.
// A value JSON cannot carry (a channel, a function, NaN) is an error.
func AppendValue(dst []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case string:
		return AppendString(dst, x), nil
	case bool:
		return strconv.AppendBool(dst, x), nil
	case int:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(dst, x, 10), nil
	case int32:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case uint:
		return strconv.AppendUint(dst, uint64(x), 10), nil
	case uint64:
		return strconv.AppendUint(dst, x, 10), nil
	case uint32:
		return strconv.AppendUint(dst, uint64(x), 10), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return dst, errUnsupported
		}
	case json.Number:
		if !json.Valid([]byte(x)) || x == "" {
			return dst, errUnsupported
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return dst, err
	}
	return append(dst, b...), nil
}

// AppendMember appends ,"key":value (no comma for the first member, n==0).
func AppendMember(dst []byte, n int, key string, value any) ([]byte, error) {
	if n > 0 {
		dst = append(dst, ',')
	}
	dst = AppendString(dst, key)
	dst = append(dst, ':')
	out, err := AppendValue(dst, value)
	if err != nil {
		return dst, fmt.Errorf("detail %q: %w", key, err)
	}
	return out, nil
}

// AppendField appends one field error object: field, in (when not the
// body), rule and param (when set), message.
func AppendField(dst []byte, field, in, rule, param, message string) []byte {
	dst = append(dst, `{"field":`...)
	dst = AppendString(dst, field)
	if in != "" {
		dst = append(dst, `,"in":`...)
		dst = AppendString(dst, in)
	}
	if rule != "" {
		dst = append(dst, `,"rule":`...)
		dst = AppendString(dst, rule)
	}
	if param != "" {
		dst = append(dst, `,"param":`...)
		dst = AppendString(dst, param)
	}
	dst = append(dst, `,"message":`...)
	dst = AppendString(dst, message)
	return append(dst, '}')
}

// AppendTimestamp appends t in UTC as TimestampLayout formats it, digit by
// digit rather than by interpreting the layout: it is on the path of every
// error. Years outside 0-9999 fall back to AppendFormat.
func AppendTimestamp(dst []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(dst, TimestampLayout)
	}
	hour, min, sec := t.Clock()
	ms := t.Nanosecond() / 1e6
	return append(dst,
		byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10), '-',
		byte('0'+int(month)/10), byte('0'+int(month)%10), '-',
		byte('0'+day/10), byte('0'+day%10), 'T',
		byte('0'+hour/10), byte('0'+hour%10), ':',
		byte('0'+min/10), byte('0'+min%10), ':',
		byte('0'+sec/10), byte('0'+sec%10), '.',
		byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10), 'Z')
}

// ParseTimestamp parses an RFC 3339 timestamp, returning it in UTC.
func ParseTimestamp(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	return t.UTC(), err
}

// Object returns body without surrounding space, or an error that says why
// it cannot be an error body of a contract: the status (unless 0) is not
// an error status, or the body is not a JSON object.
func Object(status int, body []byte) ([]byte, error) {
	if status != 0 && (status < 400 || status > 599) {
		return nil, fmt.Errorf("status %d is not an error status", status)
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, errors.New("empty body")
	}
	if trimmed[0] != '{' {
		return nil, errors.New("not a JSON object")
	}
	return trimmed, nil
}

// A Member is one member of a details object, its value decoded with
// numbers kept as json.Number.
type Member struct {
	Key   string
	Value any
}

// Details decodes a details object: its members in the order sent, and a
// "fields" member that is a list of F, each valid, as fields rather than a
// member. null or an empty raw decode to nothing; anything but an object is
// an error.
func Details[F any](raw []byte, valid func(F) bool) (members []Member, fields []F, err error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, nil, errors.New("not an object")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		if key == "fields" && fields == nil {
			if fs, ok := List(v, valid); ok {
				fields = fs
				continue
			}
		}
		members = append(members, Member{key, value(v)})
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, errors.New("data after the details object")
	}
	return members, fields, nil
}

// List decodes a JSON array of F, each valid; it reports false for
// anything else.
func List[F any](raw []byte, valid func(F) bool) ([]F, bool) {
	var fs []F
	if json.Unmarshal(raw, &fs) != nil || fs == nil {
		return nil, false
	}
	for _, f := range fs {
		if !valid(f) {
			return nil, false
		}
	}
	return fs, true
}

// value decodes one JSON value, keeping numbers as json.Number.
func value(raw json.RawMessage) any {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return raw
	}
	return v
}

// IsTraceHex reports whether s is 32 hex digits.
func IsTraceHex(s string) bool {
	if len(s) != 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// TraceHex returns the 32 lower-case hex digits a trace field shows for a
// request ID: the ID itself when it is 32 hex digits (a W3C trace ID), else
// the first 16 bytes of its SHA-256.
func TraceHex(id string) string {
	if IsTraceHex(id) {
		return strings.ToLower(id) // id itself when it already is
	}
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:16])
}

// ShowsTrace reports whether contract c, or a contract it wraps (a method
// Unwrap() C), has a method ShowsTrace() bool that returns true. C is
// apierr.Contract.
func ShowsTrace[C any](c C) bool {
	for any(c) != nil {
		if t, ok := any(c).(interface{ ShowsTrace() bool }); ok {
			return t.ShowsTrace()
		}
		u, ok := any(c).(interface{ Unwrap() C })
		if !ok {
			return false
		}
		c = u.Unwrap()
	}
	return false
}

// MustJSON returns json.Marshal(v), panicking on error: for schemas built
// from literals.
func MustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
