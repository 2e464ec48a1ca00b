package apierr

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"unicode/utf8"
)

// The encoders below write what encoding/json writes for the same value
// (HTML-safe escaping included) without reflection for the common kinds.
// Contract packages use them to build bodies by appending.

const hexDigits = "0123456789abcdef"

// AppendString appends s as a JSON string, escaped as encoding/json escapes
// it; invalid UTF-8 becomes U+FFFD.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	return append(appendStringInner(dst, s), '"')
}

// appendStringInner appends s escaped as AppendString does, without the
// quotes, so a string can be written in parts.
func appendStringInner(dst []byte, s string) []byte {
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

func appendString(dst []byte, s string) []byte { return AppendString(dst, s) }

// errUnsupported is returned for values JSON cannot carry.
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
	case []FieldError:
		return AppendFields(dst, x), nil
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

// AppendFields appends field errors as a JSON array of objects with
// field, in (when not the body), rule, param (when set) and message.
func AppendFields(dst []byte, fields []FieldError) []byte {
	dst = append(dst, '[')
	for i, f := range fields {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"field":`...)
		dst = AppendString(dst, f.Field)
		if f.In != "" {
			dst = append(dst, `,"in":`...)
			dst = AppendString(dst, f.In)
		}
		if f.Rule != "" {
			dst = append(dst, `,"rule":`...)
			dst = AppendString(dst, f.Rule)
		}
		if f.Param != "" {
			dst = append(dst, `,"param":`...)
			dst = AppendString(dst, f.Param)
		}
		dst = append(dst, `,"message":`...)
		dst = AppendString(dst, f.Message)
		dst = append(dst, '}')
	}
	return append(dst, ']')
}
