package payout

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/contracttest"
	"github.com/errkit/errkit/apierr/kit"
)

func render(t *testing.T, e *apierr.Error) []byte { return contracttest.Body(t, Contract, e, nil) }

func TestPublishedExamples(t *testing.T) {
	cases := []struct {
		e    *apierr.Error
		want string
	}{
		{apierr.New(InvalidAPIKey),
			`{"message":"Invalid API key","code":"unauthorized","error":{"code":"unauthorized","message":"Invalid API key"}}`},
		{apierr.New(AmountInvalid),
			`{"message":"amount must be a positive decimal string","code":"validation_error","errors":[{"field":"amount","message":"amount must be a positive decimal string"}],"error":{"code":"validation_error","message":"amount must be a positive decimal string"}}`},
		{apierr.NewCondition(apierr.Validation).WithFields(apierr.FieldError{Field: "amount", Rule: "decimal", Message: "amount must be a positive decimal string"}).In(Contract),
			`{"message":"amount must be a positive decimal string","code":"validation_error","errors":[{"field":"amount","message":"amount must be a positive decimal string"}],"error":{"code":"validation_error","message":"amount must be a positive decimal string"}}`},
		{CurrencyMismatch("EUR"),
			`{"message":"Shop currency mismatch. Expected EUR.","code":"validation_error","error":{"code":"validation_error","message":"Shop currency mismatch. Expected EUR."}}`},
		{apierr.New(ValidationFailed).WithFields(apierr.FieldError{Field: "a", Message: "a is required"}, apierr.FieldError{Field: "b"}),
			`{"message":"a is required","code":"validation_error","errors":[{"field":"a","message":"a is required"},{"field":"b","message":"b is invalid"}],"error":{"code":"validation_error","message":"a is required"}}`},
		{apierr.New(PayInNotFound).With("external_id", "x1"),
			`{"message":"PayIn not found","code":"not_found","error":{"code":"not_found","message":"PayIn not found"}}`},
	}
	for _, tc := range cases {
		if got := render(t, tc.e); string(got) != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}

func TestConditionCodes(t *testing.T) {
	allowed := map[int]bool{401: true, 403: true, 404: true, 422: true, 500: true}
	for _, cond := range kit.AllConditions() {
		code := Contract.Code(cond)
		if code.Catalogue() != catalogue || !allowed[code.Status()] {
			t.Errorf("%s: %s status %d", cond, code, code.Status())
		}
	}
	want := map[apierr.Condition]apierr.Code{
		apierr.BadRequest: MalformedRequest, apierr.Validation: ValidationFailed, apierr.RateLimited: RateLimited,
		apierr.Unauthorized: APIKeyRequired, apierr.NotFound: NotFound, apierr.Internal: InternalError,
	}
	for cond, code := range want {
		if Contract.Code(cond) != code {
			t.Errorf("%s: %s, want %s", cond, Contract.Code(cond), code)
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
		{"nexpay 404", apierr.New(apierr.PAY0001),
			`{"message":"Payment not found","code":"not_found","error":{"code":"not_found","message":"Payment not found"}}`},
		{"nexpay 400 becomes 422", apierr.New(apierr.GEN9002).Msg("unexpected end of JSON input"),
			`{"message":"unexpected end of JSON input","code":"validation_error","error":{"code":"validation_error","message":"unexpected end of JSON input"}}`},
		{"nexpay 429 becomes 403", apierr.New(apierr.GEN9429),
			`{"message":"Too many requests","code":"forbidden","error":{"code":"forbidden","message":"Too many requests"}}`},
		{"5xx hides message and cause", apierr.Wrap(errors.New("secret dsn"), apierr.GEN9001).Msg("leaky"),
			`{"message":"Internal Server Error","code":"internal_error","error":{"code":"internal_error","message":"Internal Server Error"}}`},
		{"nil", nil,
			`{"message":"Internal Server Error","code":"internal_error","error":{"code":"internal_error","message":"Internal Server Error"}}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := render(t, tc.e); string(got) != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestMarshalJSON(t *testing.T) {
	b, err := json.Marshal(apierr.New(InvalidSignature))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"message":"Invalid signature","code":"unauthorized","error":{"code":"unauthorized","message":"Invalid signature"}}`; string(b) != want {
		t.Errorf("got %s", b)
	}
}

func TestParse(t *testing.T) {
	for _, body := range []string{``, `[]`, `{}`, `{"message":"m"}`, `{"code":"unauthorized"}`, `{"message":1,"code":"x"}`, `not json`,
		`{"message":"m","code":"x","errors":{}}`} {
		if _, err := Contract.Parse(401, []byte(body)); err == nil {
			t.Errorf("Parse(%q) accepted", body)
		}
	}
	if _, err := Contract.Parse(0, []byte(`{"message":"m","code":"teapot"}`)); err == nil {
		t.Error("unknown code string without status accepted")
	}
	if _, err := Contract.Parse(302, []byte(`{"message":"m","code":"forbidden"}`)); err == nil {
		t.Error("status 302 accepted")
	}
	p, err := Contract.Parse(401, []byte(`{"message":"Key expired","code":"unauthorized","error":{"code":"unauthorized","message":"Key expired"}}`))
	if err != nil || p.Code() != APIKeyRequired || p.Text() != "Key expired" {
		t.Errorf("unknown message: %v %v", p, err)
	}
	p, err = Contract.Parse(403, []byte(`{"message":"m","code":"forbidden","errors":[{"field":"f","message":"g"}]}`))
	if err != nil || p.Code() != Forbidden || len(p.Fields()) != 1 {
		t.Errorf("errors on 403: %v %v", p, err)
	}
}

func TestErrorSchemas(t *testing.T) {
	name, schemas := (&PayoutContract{}).ErrorSchemas()
	if _, ok := schemas[name]; !ok {
		t.Fatal("no body schema")
	}
	for k, s := range schemas {
		if !json.Valid(s) {
			t.Errorf("%s: invalid JSON", k)
		}
	}
}
