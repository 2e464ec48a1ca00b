package apierr_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// FuzzParse: the parser never panics, and whatever it accepts renders to a
// body that parses back to the same code, status and public message.
func FuzzParse(f *testing.F) {
	f.Add(404, []byte(`{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}`))
	f.Add(422, []byte(`{"statusCode":422,"code":"[QOT0003]","message":"[QOT0003] Currency pair unavailable","timestamp":"2026-01-15T10:30:00.000Z","details":{"fromCurrency":"BRL","toCurrency":"USD"}}`))
	f.Add(400, []byte(`{"code":"[GEN9002]","message":"x","details":{"fields":[{"field":"a","message":"b"}],"n":1e400}}`))
	f.Add(502, []byte(`<html>bad gateway</html>`))
	f.Add(0, []byte(`{"statusCode":499,"code":"[]","message":""}`))
	f.Add(500, []byte(``))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e, err := apierr.Parse(status, body)
		if err != nil {
			var pe *apierr.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		out, err := json.Marshal(e)
		if err != nil {
			return // details the body carried that JSON cannot carry back (1e400)
		}
		if !json.Valid(out) {
			t.Fatalf("rendered invalid JSON %q", out)
		}
		back, err := apierr.Parse(e.Status(), out)
		if err != nil {
			t.Fatalf("re-parse of %s: %v", out, err)
		}
		// A 5xx body shows the catalogue's message, never a custom one.
		if back.ID() != e.ID() || back.Status() != e.Status() || back.Text() != e.PublicText() {
			t.Fatalf("round trip changed %q/%d/%q to %q/%d/%q", e.ID(), e.Status(), e.PublicText(), back.ID(), back.Status(), back.Text())
		}
	})
}

// FuzzDetails: any details and fields render to valid JSON that decodes
// to the same strings.
func FuzzDetails(f *testing.F) {
	f.Add("fromCurrency", "BRL", "iban", "must be <valid> & \"checked\"")
	f.Add("\u2028", "\xff\xfe", "a\x00b", "\\")
	f.Fuzz(func(t *testing.T, key, value, field, message string) {
		e := apierr.New(apierr.PYE0003).Msg(message).With(key, value).
			WithFields(apierr.FieldError{Field: field, Rule: key, Param: value, Message: message})
		out, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Message string         `json:"message"`
			Details map[string]any `json:"details"`
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("invalid JSON %q: %v", out, err)
		}
		// Our string encoder must agree with encoding/json byte for byte.
		want, _ := json.Marshal(value)
		if mine := kit.AppendString(nil, value); string(mine) != string(want) {
			t.Fatalf("AppendString(%q) = %s, encoding/json writes %s", value, mine, want)
		}
	})
}
