package payout

import (
	"encoding/json"
	"testing"

	"github.com/errkit/errkit/apierr"
)

func FuzzParse(f *testing.F) {
	f.Add(422, []byte(`{"message":"amount must be a positive decimal string","code":"validation_error","errors":[{"field":"amount","message":"amount must be a positive decimal string"}],"error":{"code":"validation_error","message":"amount must be a positive decimal string"}}`))
	f.Add(401, []byte(`{"message":"Invalid API key","code":"unauthorized","error":{"code":"unauthorized","message":"Invalid API key"}}`))
	f.Add(0, []byte(`{"message":"Shop currency mismatch. Expected EUR.","code":"validation_error"}`))
	f.Add(0, []byte(`{"message":"","code":"nope","errors":[{}]}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e, err := Contract.Parse(status, body)
		if err != nil {
			return
		}
		out, err := Contract.AppendBody(nil, e, nil)
		if err != nil || !json.Valid(out) {
			t.Fatalf("re-render: %v: %s", err, out)
		}
	})
}

func FuzzAppendBody(f *testing.F) {
	f.Add(uint16(0), "custom", "amount", "m")
	f.Add(uint16(6), "\x00<>&\u2028", "", "")
	f.Add(uint16(900), "\xff", "a.b[0]", "")
	f.Fuzz(func(t *testing.T, n uint16, msg, field, fmsg string) {
		codes := catalogue.Codes()
		code := apierr.Code(n)
		if int(n) < len(codes) {
			code = codes[n]
		}
		e := apierr.New(code)
		if msg != "" {
			e.Msg(msg)
		}
		if field != "" {
			e.WithFields(apierr.FieldError{Field: field, Message: fmsg})
		}
		out, err := Contract.AppendBody(nil, e, nil)
		if err != nil || !json.Valid(out) {
			t.Fatalf("%v: %s", err, out)
		}
		if _, err := Contract.Parse(0, out); err != nil {
			t.Fatalf("own body does not parse: %v: %s", err, out)
		}
	})
}
