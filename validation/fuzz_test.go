package validation

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/jsonbody"
)

// checkClientError fails unless err is nil or a condition the client
// caused: never a 5xx, never an empty message.
func checkClientError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var ce *apierr.ConditionError
	if !errors.As(err, &ce) {
		t.Fatalf("error %v (%T) is not a ConditionError", err, err)
	}
	if st := ce.In(apierr.Nexpay).Status(); st >= 500 {
		t.Fatalf("condition %v answers %d: %v", ce.Condition, st, err)
	}
	if ce.Message == "" && len(ce.Fields) == 0 && len(ce.Details) == 0 && ce.Condition != apierr.UnsupportedMediaType {
		t.Fatalf("condition %v says nothing: %v", ce.Condition, err)
	}
	if len(ce.Fields) > MaxFieldErrors+1 {
		t.Fatalf("%d field errors, more than %d", len(ce.Fields), MaxFieldErrors+1)
	}
	for _, f := range ce.Fields {
		if len(f.Field) > jsonbody.MaxPathBytes+len("…") {
			t.Fatalf("field path of %d bytes: %.80q", len(f.Field), f.Field)
		}
	}
	if ce.Condition == apierr.BadRequest && len(ce.Fields) == 0 && (ce.Message != "" || len(ce.Details) < 2 || ce.Details[0].Key != "reason") {
		t.Fatalf("bad request without a reason, or with a message of its own: %+v", ce)
	}
	for _, f := range ce.Fields {
		if f.Message == "" || f.Rule == "" {
			t.Fatalf("field error without a message or rule: %+v", f)
		}
	}
}

func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{
		validPayout,
		`{"amount":5000,"count":300,"rate":1e40,"payee":{"name":true,"iban":[]},"items":[{"amount":"1"},{"amount":2}],"meta":{"a":1,"b":"x"}}`,
		`{"when":"yesterday","blob":"!!","flag":"yes","any":[1],"byId":{"x":"y"},"nested":{"k":[{"amount":{}}]},"arr":[1,"2",3]}`,
		`{"quoted":"x","Quoted":12,"AMOUNT":"1"}`,
		`{"amount":"1","extra":{"deep":[[[[]]]]}}`,
		"", " ", "null", "[]", `"x"`, "1", "{", `{"a":`, `{"amount":"\ud800"}`, "\xff",
		strings.Repeat("[", 40), strings.Repeat(`{"items":[`, 20),
		`{"amount":"1"} {}`, `{"amount":"1"}garbage`,
	} {
		f.Add([]byte(s), "application/json", false)
		f.Add([]byte(s), "application/json", true)
	}
	f.Add([]byte(validPayout), "text/plain", false)
	f.Add([]byte(validPayout), "application/json; charset=\"", false)
	f.Fuzz(func(t *testing.T, body []byte, contentType string, strict bool) {
		r := httptest.NewRequest(http.MethodPost, "/payouts", bytes.NewReader(body))
		r.Header.Set("Content-Type", contentType)
		opts := []DecodeOption{MaxBytes(4096)}
		if strict {
			opts = append(opts, DisallowUnknownFields())
		}
		var dst payoutReq
		checkClientError(t, DecodeJSON(r, &dst, opts...))
		var loose map[string]any
		checkClientError(t, Decode(body, &loose, MaxBytes(4096)))
	})
}

func FuzzBindQuery(f *testing.F) {
	for _, s := range []string{
		"cursor=abc&limit=20&offset=7&status=paid&status=pending&id=1&id=2&since=2026-01-15T10:30:00Z&exact=true&min=1.5",
		"limit=ten&offset=-1&id=x&since=yesterday&exact=maybe&min=lots&until=soon",
		"limit=99999999999999999999&min=1e400&offset=70000", "%zz", "limit", "limit=&until=",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, query string) {
		r := httptest.NewRequest(http.MethodGet, "/payments", nil)
		r.URL.RawQuery = query
		var p listParams
		err := BindQuery(r, &p)
		checkClientError(t, err)
		if err == nil {
			checkClientError(t, New().Validate(&p))
		}
		_, _ = url.ParseQuery(query)
	})
}

func FuzzRules(f *testing.F) {
	for _, s := range append(append(append([]string{}, validIBANs...), validBitcoin...), invalidBitcoin...) {
		f.Add(s)
	}
	for _, s := range validEthereum {
		f.Add(s)
	}
	f.Add("5000.00")
	f.Fuzz(func(t *testing.T, s string) {
		_ = IsIBAN(s)
		_ = IsCryptoAddress(s)
		if IsAmount(s, 2) && !IsAmount(s, -1) {
			t.Fatalf("%q passes at scale 2, not at any scale", s)
		}
		_ = tooDeepOK(s)
	})
}

func tooDeepOK(s string) bool {
	_, deep := tooDeep([]byte(s), 4)
	return deep
}
