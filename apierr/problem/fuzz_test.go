package problem

import (
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
)

func FuzzParse(f *testing.F) {
	f.Add(404, []byte(`{"type":"https://errkit.dev/problems/PAY0001","title":"Payment not found","status":404,"instance":"/x","code":"PAY0001"}`))
	f.Add(0, []byte(`{"title":"t","status":422,"errors":[{"field":"a","message":"b"}],"details":{"k":[1,2]},"x":null}`))
	f.Add(400, []byte(`{"type":"about:blank"}`))
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
	f.Add(uint16(11), "custom", "key", "value", "amount", "m", "/v2/payments/x")
	f.Add(uint16(50), "", "", "", "", "", "//evil/%zz")
	f.Add(uint16(9999), "\xff<>&\u2028", "\x00", "\"", "a\nb", "", "/\xff")
	f.Fuzz(func(t *testing.T, n uint16, msg, key, value, field, fmsg, path string) {
		e := apierr.New(apierr.Code(n))
		if msg != "" {
			e.Msg(msg)
		}
		if key != "" {
			e.With(key, value)
		}
		if field != "" {
			e.WithFields(apierr.FieldError{Field: field, Message: fmsg})
		}
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.Path = path
		out, err := Contract.AppendBody(nil, e, r)
		if err != nil || !json.Valid(out) {
			t.Fatalf("%v: %s", err, out)
		}
		if _, err := Contract.Parse(0, out); err != nil {
			t.Fatalf("own body does not parse: %v: %s", err, out)
		}
	})
}
