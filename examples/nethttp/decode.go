package main

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/validation"
)

// decodeJSON reads a JSON body into v: a Content-Type other than JSON is
// 415, a body over limit 413, malformed JSON 400 with its offset, a wrong
// type a field error, as [validation.DecodeError] classifies them.
func decodeJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return apierr.NewCondition(apierr.UnsupportedMediaType).With("accepted", "application/json")
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	if err := dec.Decode(v); err != nil {
		return validation.DecodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return apierr.NewCondition(apierr.BadRequest).With("reason", "data after the JSON value")
	}
	return nil
}
