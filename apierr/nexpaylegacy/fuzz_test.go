package nexpaylegacy

import (
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
)

func FuzzParse(f *testing.F) {
	f.Add(400, []byte(`{"errors":[{"code":-32600,"message":"Invalid Request","data":"Unknown symbol BTCUSD"}],"traceId":"b1d88d60011a9bda350b0eef7dc8dcbb"}`))
	f.Add(400, []byte(`{"errors":[{"code":30010,"message":"Invalid request parameter","data":"amount (gt=0): m"},{"code":30010,"message":"Invalid request parameter","data":"x"}]}`))
	f.Add(0, []byte(`{"errors":[{"code":130,"message":"m"},{"code":30010,"message":"","data":" (: "}]}`))
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
	f.Add(uint16(0), "custom", "data", "value", "amount", "gt", "0", "m", "req-1")
	f.Add(uint16(15), "", "traceId", "B1D88D60011A9BDA350B0EEF7DC8DCBB", "", "", "", "", "")
	f.Add(uint16(999), "\xff<>&\u2028", "\x00", "\"", "a (b): c", "=", ")", ": ", "\xff")
	f.Fuzz(func(t *testing.T, n uint16, msg, key, value, field, rule, param, fmsg, reqID string) {
		codes := catalogue.Codes()
		code := apierr.Code(n)
		if int(n) < len(codes) {
			code = codes[n]
		}
		e := apierr.New(code)
		if msg != "" {
			e.Msg(msg)
		}
		if key != "" {
			e.With(key, value)
		}
		if field != "" {
			e.WithFields(apierr.FieldError{Field: field, Rule: rule, Param: param, Message: fmsg})
		}
		r := httptest.NewRequest("GET", "/", nil)
		r = r.WithContext(apierr.ContextWithRequestID(r.Context(), reqID))
		out, err := Contract.AppendBody(nil, e, r)
		if err != nil || !json.Valid(out) {
			t.Fatalf("%v: %s", err, out)
		}
		if _, err := Contract.Parse(0, out); err != nil {
			t.Fatalf("own body does not parse: %v: %s", err, out)
		}
	})
}
