package problem

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/contracttest"
	"github.com/errkit/errkit/apierr/kit"
)

func render(t *testing.T, c apierr.Contract, e *apierr.Error, r *http.Request) []byte {
	return contracttest.Body(t, c, e, r)
}

func TestBodies(t *testing.T) {
	req := httptest.NewRequest(http.MethodGet, "/v2/payments/p_1", nil)
	other := apierr.NewCatalogue("other", nil)
	teapot := other.MustRegister(apierr.Spec{ID: "T1", Status: 404, Message: "No such teapot"})
	cases := []struct {
		name string
		c    apierr.Contract
		e    *apierr.Error
		want string
	}{
		{"provider code", Contract, apierr.New(apierr.PAY0001),
			`{"type":"https://errkit.dev/problems/PAY0001","title":"Payment not found","status":404,"instance":"/v2/payments/p_1","code":"PAY0001"}`},
		{"custom message, details, fields", Contract,
			apierr.New(apierr.QOT0003).Msg("BRL to USD is unavailable").With("fromCurrency", "BRL").
				WithFields(apierr.FieldError{Field: "amount", Rule: "gt", Param: "0", Message: "amount must be positive"}),
			`{"type":"https://errkit.dev/problems/QOT0003","title":"Currency pair unavailable","status":422,"detail":"BRL to USD is unavailable","instance":"/v2/payments/p_1","code":"QOT0003","errors":[{"field":"amount","rule":"gt","param":"0","message":"amount must be positive"}],"details":{"fromCurrency":"BRL"}}`},
		{"extension code is about:blank", Contract, apierr.NewCondition(apierr.RateLimited).In(Contract),
			`{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Too many requests","instance":"/v2/payments/p_1","code":"GEN9429"}`},
		{"configured base", New("https://api.example.com/errors/"), apierr.New(apierr.AUT0003),
			`{"type":"https://api.example.com/errors/AUT0003","title":"Invalid API key","status":401,"instance":"/v2/payments/p_1","code":"AUT0003"}`},
		{"no base", New(""), apierr.New(apierr.AUT0003),
			`{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Invalid API key","instance":"/v2/payments/p_1","code":"AUT0003"}`},
		{"foreign code keeps its message", Contract, apierr.New(teapot),
			`{"type":"about:blank","title":"Not Found","status":404,"detail":"No such teapot","instance":"/v2/payments/p_1","code":"GEN9404"}`},
		{"native 5xx shows neither its custom message nor the cause", Contract, apierr.Wrap(errors.New("secret"), apierr.GEN9001).Msg("leak"),
			`{"type":"https://errkit.dev/problems/GEN9001","title":"Internal server error","status":500,"instance":"/v2/payments/p_1","code":"GEN9001"}`},
		{"nil", Contract, nil,
			`{"type":"https://errkit.dev/problems/GEN9001","title":"Internal server error","status":500,"instance":"/v2/payments/p_1","code":"GEN9001"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := render(t, tc.c, tc.e, req); string(got) != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestNativeMessageKept: a custom message on a Nexpay 5xx code is the
// handler's own choice and is rendered; a cause never is.
func TestNativeMessageKept(t *testing.T) {
	b := render(t, Contract, apierr.Wrap(errors.New("pq: password=x"), apierr.GEN9001), nil)
	if bytes.Contains(b, []byte("pq")) {
		t.Errorf("cause rendered: %s", b)
	}
}

func TestInstance(t *testing.T) {
	long := "/" + strings.Repeat("a", maxInstance)
	cases := map[string]string{
		"/v2/payments/a b":   `"/v2/payments/a%20b"`,
		"//evil.example/x":   `"/evil.example/x"`,
		"/p/\"<script>\"":    `"/p/%22%3Cscript%3E%22"`,
		"/é":                 `"/%C3%A9"`,
		long:                 "",
		"/v2/payments/p%2F1": `"/v2/payments/p%2F1"`,
	}
	for path, want := range cases {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.URL.Path = path
		if strings.Contains(path, "%2F") {
			r.URL.Path, r.URL.RawPath = "/v2/payments/p/1", path
		}
		b := render(t, Contract, apierr.New(apierr.PAY0001), r)
		_, after, found := bytes.Cut(b, []byte(`"instance":`))
		if want == "" {
			if found {
				t.Errorf("%q: instance rendered: %s", path, b)
			}
			continue
		}
		if !found || !bytes.HasPrefix(after, []byte(want+",")) {
			t.Errorf("%q: %s", path, b)
		}
	}
}

func TestConditionCodes(t *testing.T) {
	for _, cond := range kit.AllConditions() {
		if Contract.Code(cond) != apierr.Nexpay.Code(cond) {
			t.Errorf("%s: %s, Nexpay says %s", cond, Contract.Code(cond), apierr.Nexpay.Code(cond))
		}
	}
	if Contract.Catalogue() != apierr.Nexpay.Catalogue() {
		t.Error("not the Nexpay catalogue")
	}
}

func TestParseOtherServers(t *testing.T) {
	cases := []struct {
		status int
		body   string
		code   apierr.Code
		text   string
	}{
		{0, `{"type":"https://errkit.dev/problems/PAY0001","title":"Payment not found","status":404}`, apierr.PAY0001, "Payment not found"},
		{404, `{"title":"Not Found","status":404,"detail":"no such thing","errors":[{"message":"m","location":"body.a"}],"traceId":"t1"}`, apierr.GEN9404, "no such thing"},
		{429, `{"type":"about:blank","title":"Too Many Requests"}`, apierr.GEN9429, "Too Many Requests"},
		{409, `{"code":"XYZ1234","title":"Other"}`, 0, "Other"},
	}
	for _, tc := range cases {
		p, err := Contract.Parse(tc.status, []byte(tc.body))
		if err != nil || p.Code() != tc.code || p.Text() != tc.text {
			t.Errorf("%s: %v %v", tc.body, p, err)
		}
	}
	body := `{"type":"about:blank","title":"Conflict","status":409,"detail":"Payment frozen","code":"PAY0999"}`
	p, err := Contract.Parse(409, []byte(body))
	if err != nil || p.Code() != 0 || p.ID() != "PAY0999" || p.Status() != 409 || p.Text() != "Payment frozen" {
		t.Fatalf("%v %v", p, err)
	}
	if !errors.Is(p, apierr.Nexpay.Catalogue().Unregistered(apierr.Spec{ID: "PAY0999"})) {
		t.Error("not the unregistered code PAY0999")
	}
	if out, _ := apierr.AppendBody(nil, Contract, p, apierr.Meta{}); string(out) != body {
		t.Errorf("re-rendered as %s", out)
	}
	p, _ = Contract.Parse(404, []byte(cases[1].body))
	if v, _ := p.Detail("traceId"); v != "t1" {
		t.Errorf("extension member: %v", v)
	}
}

func TestParseRejects(t *testing.T) {
	for _, body := range []string{``, `[]`, `{}`, `{"status":"404"}`, `{"type":1}`, `{"title":"x","status":200}`, `{"title":"x"} x`,
		`{"title":"x","errors":{}}`, `{"title":"x","details":[]}`, `{"title":"x","detail":null}`, `{"title":"x"`} {
		if _, err := Contract.Parse(0, []byte(body)); err == nil {
			t.Errorf("Parse(0, %q) accepted", body)
		}
	}
	if _, err := Contract.Parse(404, []byte(`{}`)); err == nil {
		t.Error("empty object accepted")
	}
	if _, err := Contract.Parse(200, []byte(`{"code":"PAY0001"}`)); err == nil {
		t.Error("status 200 accepted")
	}
}

func TestErrorSchemas(t *testing.T) {
	name, schemas := Contract.(*ProblemContract).ErrorSchemas()
	if _, ok := schemas[name]; !ok {
		t.Fatal("no body schema")
	}
	for k, s := range schemas {
		if !json.Valid(s) {
			t.Errorf("%s: invalid JSON", k)
		}
	}
}

// TestStatusAgreesWithRender: whatever the error, the status member is the
// status apierr.Render sends, also for errors parsed from Nexpay v2 bodies
// with a code the catalogue lacks or a status other than the code's.
func TestStatusAgreesWithRender(t *testing.T) {
	unknown, err := apierr.Parse(418, []byte(`{"statusCode":418,"code":"[TEA0001]","message":"[TEA0001] I'm a teapot","timestamp":"2026-01-15T10:30:00.000Z"}`))
	if err != nil {
		t.Fatal(err)
	}
	moved, err := apierr.Parse(400, []byte(`{"statusCode":400,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}`))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		e    *apierr.Error
		want string
	}{
		{unknown, `{"type":"about:blank","title":"I'm a teapot","status":418,"code":"TEA0001"}`},
		{moved, `{"type":"about:blank","title":"Bad Request","status":400,"detail":"Payment not found","code":"PAY0001"}`},
		{apierr.New(apierr.PAY0001), `{"type":"https://errkit.dev/problems/PAY0001","title":"Payment not found","status":404,"code":"PAY0001"}`},
	}
	for _, tc := range cases {
		rec := httptest.NewRecorder()
		if err := apierr.Render(rec, nil, Contract, tc.e); err != nil {
			t.Fatal(err)
		}
		if got := rec.Body.String(); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
		var b struct{ Status int }
		if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil || b.Status != rec.Code {
			t.Errorf("body status %d, sent %d", b.Status, rec.Code)
		}
	}
}
