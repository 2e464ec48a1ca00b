package apierr

import (
	"bytes"
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
