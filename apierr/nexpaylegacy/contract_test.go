package nexpaylegacy

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

const tid = "b1d88d60011a9bda350b0eef7dc8dcbb"

func request(id string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/api/v1/payments", nil)
	if id != "" {
		r.Header.Set("X-Request-Id", id)
	}
	return r
}

func render(t *testing.T, e *apierr.Error, r *http.Request) []byte {
	return contracttest.Body(t, Contract, e, r)
}

func TestBodies(t *testing.T) {
	amount := apierr.FieldError{Field: "amount", Rule: "gt", Param: "0", Message: "amount must be positive"}
	currency := apierr.FieldError{Field: "currency", Rule: "required", Message: "currency is required"}
	cases := []struct {
		name string
		e    *apierr.Error
		r    *http.Request
		want string
	}{
		{"missing API key", apierr.NewCondition(apierr.Unauthorized).In(Contract), request(tid),
			`{"errors":[{"code":10,"message":"Missing API key"}],"traceId":"` + tid + `"}`},
		{"no request, no traceId", apierr.New(WrongSignature), nil,
			`{"errors":[{"code":70,"message":"Wrong signature"}]}`},
		{"request without ID", apierr.New(WrongSignature), request(""),
			`{"errors":[{"code":70,"message":"Wrong signature"}]}`},
		{"derived traceId", apierr.New(NoPermissions), request("req-1"),
			`{"errors":[{"code":80,"message":"No permissions"}],"traceId":"9456bdfa12ea76959c94a3572f5d91c7"}`},
		{"upper-case hex", apierr.New(NoPermissions), request("B1D88D60011A9BDA350B0EEF7DC8DCBB"),
			`{"errors":[{"code":80,"message":"No permissions"}],"traceId":"` + tid + `"}`},
		{"validation: one entry per field", apierr.NewCondition(apierr.Validation).WithFields(amount, currency).In(Contract), nil,
			`{"errors":[{"code":30010,"message":"Invalid request parameter","data":"amount (gt=0): amount must be positive"},{"code":30010,"message":"Invalid request parameter","data":"currency (required): currency is required"}]}`},
		{"own entry then fields", apierr.New(InvalidRequest).WithFields(currency), nil,
			`{"errors":[{"code":-32600,"message":"Invalid Request"},{"code":30010,"message":"Invalid request parameter","data":"currency (required): currency is required"}]}`},
		{"details as data", apierr.New(RequestError).With("data", "Payment already sent").With("paymentId", "p1").With("n", 3), nil,
			`{"errors":[{"code":30000,"message":"Request error","data":"Payment already sent; paymentId=p1; n=3"}]}`},
		{"foreign 404", apierr.New(apierr.PAY0001), nil,
			`{"errors":[{"code":90404,"message":"Payment not found"}]}`},
		{"foreign 400 fields", apierr.New(apierr.GEN9002).WithFields(currency), nil,
			`{"errors":[{"code":-32600,"message":"Bad request"},{"code":30010,"message":"Invalid request parameter","data":"currency (required): currency is required"}]}`},
		{"foreign 401 is 403 code 10", apierr.New(apierr.AUT0003), nil,
			`{"errors":[{"code":10,"message":"Invalid API key"}]}`},
		{"5xx hides message and cause", apierr.Wrap(errors.New("secret"), apierr.GEN9001).Msg("leak"), nil,
			`{"errors":[{"code":-32603,"message":"Internal error"}]}`},
		{"native 5xx hides cause", apierr.Wrap(errors.New("secret"), InternalError), nil,
			`{"errors":[{"code":-32603,"message":"Internal error"}]}`},
		{"nil", nil, nil, `{"errors":[{"code":-32603,"message":"Internal error"}]}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := render(t, tc.e, tc.r); string(got) != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestConditionCodes(t *testing.T) {
	for _, cond := range kit.AllConditions() {
		code := Contract.Code(cond)
		if code.Catalogue() != catalogue {
			t.Errorf("%s: %s", cond, code)
		}
	}
	want := map[apierr.Condition]apierr.Code{
		apierr.Unauthorized: MissingAPIKey, apierr.Forbidden: NoPermissions, apierr.Validation: InvalidRequestParameter,
		apierr.BadRequest: InvalidRequest, apierr.Internal: InternalError, apierr.NotFound: NotFound,
		apierr.RateLimited: TooManyRequests, apierr.Maintenance: Maintenance,
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

func TestFieldData(t *testing.T) {
	cases := []apierr.FieldError{
		{Field: "amount", Rule: "gt", Param: "0", Message: "amount must be positive"},
		{Field: "amount", Rule: "required"},
		{Field: "amount", Message: "bad: really"},
		{Field: "a.b[2]", Rule: "oneof", Param: "x y", Message: "m"},
	}
	for _, f := range cases {
		if got := parseFieldData(FieldData(f)); got != f {
			t.Errorf("%q parsed as %+v", FieldData(f), got)
		}
	}
}

func TestMarshalJSON(t *testing.T) {
	b, err := json.Marshal(apierr.New(DeprecatedAPIKey))
	if err != nil || string(b) != `{"errors":[{"code":121,"message":"Deprecated API key"}]}` {
		t.Errorf("%s %v", b, err)
	}
}

func TestParse(t *testing.T) {
	for _, body := range []string{``, `[]`, `{}`, `{"errors":[]}`, `{"errors":[{"code":10}]}`, `{"errors":[{"message":"m"}]}`,
		`{"errors":[{"code":"10","message":"m"}]}`, `{"errors":[{"code":1.5,"message":"m"}]}`, `{"errors":[{"code":1e99,"message":"m"}]}`,
		`{"errors":{}}`, `<html>`} {
		if _, err := Contract.Parse(400, []byte(body)); err == nil {
			t.Errorf("Parse(%q) accepted", body)
		}
	}
	if _, err := Contract.Parse(0, []byte(`{"errors":[{"code":130,"message":"m"}]}`)); err == nil {
		t.Error("unknown code without status accepted")
	}
	body := `{"errors":[{"code":130,"message":"IP not allowed","data":"1.2.3.4"}],"traceId":"not-hex"}`
	p, err := Contract.Parse(403, []byte(body))
	if err != nil || p.Code() != 0 || p.ID() != "130" || p.Status() != 403 || p.Text() != "IP not allowed" {
		t.Fatalf("%v %v", p, err)
	}
	if !errors.Is(p, catalogue.Unregistered(apierr.Spec{ID: "130"})) {
		t.Error("not the unregistered code 130")
	}
	if out, _ := apierr.AppendBody(nil, Contract, p, apierr.Meta{}); string(out) != strings.Replace(body, `,"traceId":"not-hex"`, "", 1) {
		t.Errorf("re-rendered as %s", out)
	}
	if _, ok := p.Detail("traceId"); ok {
		t.Error("kept a traceId that is not 32 hex")
	}
}

func TestErrorSchemas(t *testing.T) {
	name, schemas := (&LegacyContract{}).ErrorSchemas()
	if _, ok := schemas[name]; !ok {
		t.Fatal("no body schema")
	}
	for k, s := range schemas {
		if !json.Valid(s) {
			t.Errorf("%s: invalid JSON", k)
		}
	}
	if !bytes.Contains(schemas["NexpayLegacyErrorEntry"], []byte("-32600")) {
		t.Error("enum misses codes")
	}
}
