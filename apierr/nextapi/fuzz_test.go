package nextapi

import (
	"encoding/json"
	"testing"

	"github.com/errkit/errkit/apierr"
)

func FuzzParse(f *testing.F) {
	f.Add(400, []byte(`{"error":{"code":"VALIDATION_ERROR","message":"Request body failed validation","details":{"fields":[{"field":"a","message":"b"}]}}}`))
	f.Add(422, []byte(`{"error":{"code":"INSUFFICIENT_FUNDS","message":"m","details":{"available_balance":5000}}}`))
	f.Add(0, []byte(`{"error":{"code":"NOPE","message":"m"}}`))
	f.Add(500, []byte(`<html></html>`))
	f.Add(404, []byte(`{"error":{"code":"RESOURCE_NOT_FOUND","message":"\ud800","details":{"fields":"x","a":[1,{"b":null}]}}}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e, err := Contract.Parse(status, body)
		if err != nil {
			return
		}
		out, err := Contract.AppendBody(nil, e, nil)
		if err != nil {
			t.Fatalf("re-render: %v", err)
		}
		if !json.Valid(out) {
			t.Fatalf("invalid JSON: %s", out)
		}
	})
}

func FuzzAppendBody(f *testing.F) {
	f.Add(uint16(0), "custom", "key", "value", "amount", "required", "m")
	f.Add(uint16(3), "", "fields", "\x00<>&\u2028", "a.b[0]", "", "")
	f.Add(uint16(900), "\xff\xfe", "", "", "", "gt", "0")
	f.Fuzz(func(t *testing.T, n uint16, msg, key, value, field, rule, fmsg string) {
		codes := catalogue.Codes()
		var code apierr.Code
		if int(n) < len(codes) {
			code = codes[n]
		} else {
			code = apierr.Code(n) // Nexpay codes and unknown ones
		}
		e := apierr.New(code)
		if msg != "" {
			e.Msg(msg)
		}
		if key != "" {
			e.With(key, value)
		}
		if field != "" {
			e.WithFields(apierr.FieldError{Field: field, Rule: rule, Message: fmsg})
		}
		out, err := Contract.AppendBody(nil, e, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(out) {
			t.Fatalf("invalid JSON: %s", out)
		}
		if _, err := Contract.Parse(0, out); err != nil {
			t.Fatalf("own body does not parse: %v: %s", err, out)
		}
	})
}
