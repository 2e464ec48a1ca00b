package apierr

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
)

// DecodeDetails decodes a details object of a parsed body: its keys in the
// order sent, each value decoded with numbers kept as json.Number (so
// nothing is rounded), and a "fields" member that is a list of field errors
// returned as fields rather than as a detail. null or an empty raw decode to
// nothing; anything but an object is an error. Contract packages use it in
// their Parse.
func DecodeDetails(raw []byte) (details []Detail, fields []FieldError, err error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
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
			if fs, ok := DecodeFields(v); ok {
				fields = fs
				continue
			}
		}
		details = append(details, Detail{Key: key, Value: decodeValue(v)})
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, errors.New("data after the details object")
	}
	return details, fields, nil
}

// DecodeFields decodes a JSON array of field errors; it reports false for
// anything else, or for entries with neither a field nor a message.
func DecodeFields(raw []byte) ([]FieldError, bool) {
	var fs []FieldError
	if json.Unmarshal(raw, &fs) != nil || fs == nil {
		return nil, false
	}
	for _, f := range fs {
		if f.Field == "" && f.Message == "" {
			return nil, false
		}
	}
	return fs, true
}

// decodeValue decodes one JSON value, keeping numbers as json.Number.
func decodeValue(raw json.RawMessage) any {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return raw
	}
	return v
}

// AppendTraceHex appends [TraceHex] of id to dst without allocating.
func AppendTraceHex(dst []byte, id string) []byte {
	if IsTraceHex(id) {
		for i := 0; i < len(id); i++ {
			c := id[i]
			if c >= 'A' && c <= 'F' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	sum := sha256.Sum256([]byte(id))
	return hex.AppendEncode(dst, sum[:16])
}

// TraceHex returns the 32 lower-case hex digits of a trace field (Nexpay
// legacy traceId, Cryptopay meta.request_id) for a request ID: the ID itself
// when it is 32 hex digits (a W3C trace ID), else the first 16 bytes of its
// SHA-256, so one request always shows one trace.
func TraceHex(id string) string {
	return string(AppendTraceHex(make([]byte, 0, 32), id))
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
