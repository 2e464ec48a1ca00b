package cryptopay

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/contracttest"
	"github.com/errkit/errkit/apierr/kit"
)

const rid = "b1d88d60011a9bda350b0eef7dc8dcbb"

func request(id string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/api/invoices", nil)
	if id != "" {
		r.Header.Set("X-Request-Id", id)
	}
	return r
}

func render(t *testing.T, e *apierr.Error, r *http.Request) []byte {
	return contracttest.Body(t, Contract, e, r)
}

func TestDocsExamples(t *testing.T) {
	cases := []struct {
		e    *apierr.Error
		want string
	}{
		{apierr.New(Unauthenticated),
			`{"error":{"code":"unauthenticated","message":"unauthenticated","details":[]},"meta":{"request_id":"` + rid + `"}}`},
		{apierr.NewCondition(apierr.Validation).WithFields(apierr.FieldError{Field: "charged_amount", Rule: "lte", Param: "167.75", Message: "charged_amount must be less than or equal to 167.75"}).In(Contract),
			`{"error":{"code":"invalid","message":"invalid","details":[{"code":"must_be_less_than_or_equal","target":"charged_amount","message":"charged_amount must be less than or equal to 167.75","args":{"value":"167.75"}}]},"meta":{"request_id":"` + rid + `"}}`},
		{apierr.New(Conflict).With("custom_id", "order-1").With("n", 2),
			`{"error":{"code":"conflict","message":"conflict","details":[{"code":"detail","target":"custom_id","args":{"value":"order-1"}},{"code":"detail","target":"n","args":{"value":2}}]},"meta":{"request_id":"` + rid + `"}}`},
		{apierr.New(Invalid).WithFields(apierr.FieldError{Field: "currency", Rule: "required"}),
			`{"error":{"code":"invalid","message":"invalid","details":[{"code":"required","target":"currency","message":"currency is invalid"}]},"meta":{"request_id":"` + rid + `"}}`},
	}
	for _, tc := range cases {
		if got := render(t, tc.e, request(rid)); string(got) != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}

var metaID = regexp.MustCompile(`"meta":\{"request_id":"([0-9a-f]{32})"\}\}$`)

func TestRequestID(t *testing.T) {
	idOf := func(r *http.Request) string {
		b := render(t, apierr.New(NotFound), r)
		m := metaID.FindSubmatch(b)
		if m == nil {
			t.Fatalf("no request_id: %s", b)
		}
		return string(m[1])
	}
	if got := idOf(request(rid)); got != rid {
		t.Errorf("32 hex: %s", got)
	}
	if got := idOf(request("B1D88D60011A9BDA350B0EEF7DC8DCBB")); got != rid {
		t.Errorf("upper hex: %s", got)
	}
	if got := idOf(request("req-1")); got != "9456bdfa12ea76959c94a3572f5d91c7" {
		t.Errorf("derived: %s", got)
	}
	if a, b := idOf(nil), idOf(nil); a == b {
		t.Errorf("random IDs repeat: %s", a)
	}
	if a, b := idOf(request("")), idOf(request("")); a == b {
		t.Errorf("random IDs repeat: %s", a)
	}
}

func TestConditionCodes(t *testing.T) {
	allowed := map[int]bool{400: true, 401: true, 403: true, 404: true, 409: true, 422: true, 429: true, 500: true, 503: true}
	for _, cond := range kit.AllConditions() {
		code := Contract.Code(cond)
		if code.Catalogue() != catalogue || !allowed[code.Status()] {
			t.Errorf("%s: %s %d", cond, code, code.Status())
		}
	}
	want := map[apierr.Condition]apierr.Code{
		apierr.Unauthorized: Unauthenticated, apierr.Forbidden: Unauthorized, apierr.NotFound: NotFound,
		apierr.Validation: Invalid, apierr.RateLimited: RateLimitExceeded, apierr.IdempotencyMismatch: Conflict,
		apierr.Maintenance: Maintenance,
	}
	for cond, code := range want {
		if Contract.Code(cond) != code {
			t.Errorf("%s: %s", cond, Contract.Code(cond))
		}
	}
	if Contract.Code(apierr.Condition(99)) != InternalError {
		t.Error("unknown condition")
	}
}

func TestForeignCodes(t *testing.T) {
	cases := []struct {
		name string
		e    *apierr.Error
		want string
	}{
		{"nexpay 404", apierr.New(apierr.PAY0001).With("paymentId", "p1"),
			`{"error":{"code":"not_found","message":"Payment not found","details":[{"code":"detail","target":"paymentId","args":{"value":"p1"}}]}`},
		{"nexpay 401", apierr.New(apierr.AUT0003), `{"error":{"code":"unauthenticated","message":"Invalid API key","details":[]}`},
		{"nexpay 400 fields", apierr.New(apierr.GEN9002).WithFields(apierr.FieldError{Field: "a", Rule: "required", Message: "a is required"}),
			`{"error":{"code":"bad_request","message":"Bad request","details":[{"code":"required","target":"a","message":"a is required"}]}`},
		{"5xx hidden", apierr.Wrap(errors.New("secret"), apierr.GEN9001).Msg("leak"),
			`{"error":{"code":"internal_error","message":"internal_error","details":[]}`},
		{"nil", nil, `{"error":{"code":"internal_error","message":"internal_error","details":[]}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, tc.e, request(rid))
			if want := tc.want + `,"meta":{"request_id":"` + rid + `"}}`; string(got) != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

func TestMarshalJSON(t *testing.T) {
	b, err := json.Marshal(apierr.New(NotFound))
	if err != nil || !metaID.Match(b) || !bytes.HasPrefix(b, []byte(`{"error":{"code":"not_found"`)) {
		t.Errorf("%s %v", b, err)
	}
}

func TestParseRejects(t *testing.T) {
	for _, body := range []string{``, `[]`, `{}`, `{"error":{}}`, `{"error":{"code":"x"}}`, `{"error":{"code":"invalid","message":"m","details":[{}]}}`,
		`{"error":{"code":"invalid","message":"m","details":{}}}`, `{"error":{"code":"invalid","message":"m"`} {
		if _, err := Contract.Parse(422, []byte(body)); err == nil {
			t.Errorf("Parse(%q) accepted", body)
		}
	}
	if _, err := Contract.Parse(0, []byte(`{"error":{"code":"teapot","message":"m","details":[]}}`)); err == nil {
		t.Error("unknown code without status accepted")
	}
	body := `{"error":{"code":"high_risk_address","message":"High risk","details":[{"code":"must_be_less_than_or_equal","target":"charged_amount","message":"m","args":{"value":"167.75"}}]},"meta":{"request_id":"` + rid + `"}}`
	p, err := Contract.Parse(422, []byte(body))
	if err != nil || p.Code() != 0 || p.ID() != "high_risk_address" || p.Status() != 422 || p.Text() != "High risk" || p.Fields()[0].Param != "167.75" || p.Fields()[0].Rule != "lte" {
		t.Fatalf("%v %v", p, err)
	}
	if !errors.Is(p, catalogue.Unregistered(apierr.Spec{ID: "high_risk_address"})) {
		t.Error("not the unregistered code high_risk_address")
	}
	if out, _ := apierr.AppendBody(nil, Contract, p, apierr.Meta{}); string(out) != body {
		t.Errorf("re-rendered as %s", out)
	}
	p, err = Contract.Parse(422, []byte(`{"error":{"code":"invalid","message":"m","details":[{"code":"must_be_less_than_or_equal","target":"charged_amount","message":"m","args":{"value":167.75}}]},"meta":{"request_id":"x"}}`))
	if err != nil || p.Fields()[0].Param != "167.75" {
		t.Fatalf("%v %v", p, err)
	}
	if _, ok := p.Detail("request_id"); ok {
		t.Error("kept a request_id that is not 32 hex")
	}
}

func TestErrorSchemas(t *testing.T) {
	name, schemas := (&CryptopayContract{}).ErrorSchemas()
	if _, ok := schemas[name]; !ok {
		t.Fatal("no body schema")
	}
	for k, s := range schemas {
		if !json.Valid(s) {
			t.Errorf("%s: invalid JSON", k)
		}
	}
}
