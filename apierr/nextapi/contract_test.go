package nextapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/contracttest"
	"github.com/errkit/errkit/apierr/kit"
)

func render(t *testing.T, e *apierr.Error) []byte { return contracttest.Body(t, Contract, e, nil) }

func TestConditionCodes(t *testing.T) {
	want := map[apierr.Condition]int{
		apierr.Internal: 500, apierr.BadRequest: 400, apierr.Validation: 400, apierr.Unauthorized: 401,
		apierr.Forbidden: 403, apierr.NotFound: 404, apierr.MethodNotAllowed: 405, apierr.RequestTimeout: 408,
		apierr.Conflict: 409, apierr.TooLarge: 413, apierr.UnsupportedMediaType: 415,
		apierr.IdempotencyMismatch: 409, apierr.RateLimited: 429, apierr.BadGateway: 502,
		apierr.Unavailable: 503, apierr.Maintenance: 503, apierr.Timeout: 504, apierr.InProgress: 409,
	}
	for _, cond := range kit.AllConditions() {
		code := Contract.Code(cond)
		if code.Catalogue() != catalogue {
			t.Errorf("%s: code %s is not of the catalogue", cond, code)
		}
		if code.Status() != want[cond] {
			t.Errorf("%s: %s status %d, want %d", cond, code, code.Status(), want[cond])
		}
	}
	if Contract.Code(apierr.Condition(200)) != InternalError {
		t.Error("unknown condition is not INTERNAL_ERROR")
	}
	if Contract.Code(apierr.Unauthorized) != Unauthorized || Contract.Code(apierr.IdempotencyMismatch) != IdempotencyConflict {
		t.Error("issue mapping broken")
	}
}

// TestInProgressIsNotMismatch: an identical retry still in flight must not
// be told to take a new key (IDEMPOTENCY_CONFLICT's resolution), which
// would run it twice; it has its own extension code.
func TestInProgressIsNotMismatch(t *testing.T) {
	code := Contract.Code(apierr.InProgress)
	if code != RequestInProgress || code == IdempotencyConflict {
		t.Fatalf("in progress answered with %s", code)
	}
	if code.ID() != "REQUEST_IN_PROGRESS" || code.Status() != 409 || !code.Extension() || Resolution(code) != "" {
		t.Errorf("%s: status %d extension %v resolution %q", code.ID(), code.Status(), code.Extension(), Resolution(code))
	}
	if code.Message() != "A request with this idempotency key is still being processed" {
		t.Errorf("message %q", code.Message())
	}
	if Contract.Code(apierr.IdempotencyMismatch) != IdempotencyConflict {
		t.Error("mismatch is not IDEMPOTENCY_CONFLICT")
	}
	// Another catalogue's 409 (a duplicate payment) is neither: a new key
	// would pay twice, and nothing is in progress.
	if got := kit.CodeFor(Contract, 409); got != Conflict {
		t.Errorf("a foreign 409 is answered with %s", got.ID())
	}
	body := render(t, apierr.NewCondition(apierr.InProgress).In(Contract))
	if want := `{"error":{"code":"REQUEST_IN_PROGRESS","message":"A request with this idempotency key is still being processed"}}`; string(body) != want {
		t.Errorf("got %s", body)
	}
}

func TestPublishedExample(t *testing.T) {
	e := apierr.New(InsufficientFunds).Msg("The account does not have enough available balance to complete this request.").
		With("available_balance", 5000).With("requested_amount", 10000)
	got := render(t, e)
	want := `{"error":{"code":"INSUFFICIENT_FUNDS","message":"The account does not have enough available balance to complete this request.","details":{"available_balance":5000,"requested_amount":10000}}}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestForeignCodes(t *testing.T) {
	cases := []struct {
		name string
		e    *apierr.Error
		want string
	}{
		{"nexpay 404 keeps message", apierr.New(apierr.PAY0001).With("paymentId", "p_1"),
			`{"error":{"code":"RESOURCE_NOT_FOUND","message":"Payment not found","details":{"paymentId":"p_1"}}}`},
		{"nexpay 422 keeps fields", apierr.New(apierr.GEN9002).WithFields(apierr.FieldError{Field: "amount", Rule: "required", Message: "amount is required"}),
			`{"error":{"code":"VALIDATION_ERROR","message":"Bad request","details":{"fields":[{"field":"amount","rule":"required","message":"amount is required"}]}}}`},
		{"5xx message and cause hidden", apierr.Wrap(errors.New("db password=hunter2"), apierr.GEN9001).Msg("pq: connection refused"),
			`{"error":{"code":"INTERNAL_ERROR","message":"Internal server error"}}`},
		{"native 5xx cause hidden", apierr.Wrap(errors.New("secret"), BadGateway),
			`{"error":{"code":"BAD_GATEWAY","message":"Bad gateway"}}`},
		{"nil error", nil, `{"error":{"code":"INTERNAL_ERROR","message":"Internal server error"}}`},
		{"condition", apierr.NewCondition(apierr.RateLimited).In(Contract),
			`{"error":{"code":"RATE_LIMITED","message":"Too many requests"}}`},
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
	b, err := json.Marshal(apierr.New(Forbidden))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"error":{"code":"FORBIDDEN","message":"Credentials valid but access denied"}}`; string(b) != want {
		t.Errorf("got %s", b)
	}
}

func TestParseRejects(t *testing.T) {
	for _, body := range []string{
		``, `null`, `[]`, `"x"`, `{}`, `{"error":null}`, `{"error":{"code":"X"}}`, `{"error":{"message":"m"}}`,
		`{"error":{"code":1,"message":"m"}}`, `{"error":{"code":"X","message":"m"`, `<html>bad gateway</html>`,
		`{"error":{"code":"RATE_LIMITED","message":"m","details":[1]}}`,
	} {
		if _, err := Contract.Parse(400, []byte(body)); err == nil {
			t.Errorf("Parse(%q) accepted", body)
		} else {
			var pe *apierr.ParseError
			if !errors.As(err, &pe) {
				t.Errorf("Parse(%q): %T", body, err)
			}
		}
	}
	if _, err := Contract.Parse(200, []byte(`{"error":{"code":"FORBIDDEN","message":"m"}}`)); err == nil {
		t.Error("status 200 accepted")
	}
	if _, err := Contract.Parse(0, []byte(`{"error":{"code":"NEW_CODE","message":"m"}}`)); err == nil {
		t.Error("unknown code without status accepted")
	}
}

func TestParseUnknownCode(t *testing.T) {
	body := `{"error":{"code":"DAILY_LIMIT","message":"Daily limit reached","details":{"limit":100}}}`
	p, err := Contract.Parse(422, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if p.Code() != 0 || p.ID() != "DAILY_LIMIT" || p.Status() != 422 || p.Text() != "Daily limit reached" {
		t.Errorf("got %s %d %q", p.ID(), p.Status(), p.Text())
	}
	if !errors.Is(p, catalogue.Unregistered(apierr.Spec{ID: "DAILY_LIMIT"})) {
		t.Error("not the unregistered code DAILY_LIMIT")
	}
	if out, _ := apierr.AppendBody(nil, Contract, p, apierr.Meta{}); string(out) != body {
		t.Errorf("re-rendered as %s", out)
	}
	if v, _ := p.Detail("limit"); v != json.Number("100") {
		t.Errorf("detail limit = %#v", v)
	}
}

func TestUnencodableDetail(t *testing.T) {
	if _, err := apierr.AppendBody(nil, Contract, apierr.New(Forbidden).With("ch", make(chan int)), apierr.Meta{}); err == nil || !strings.Contains(err.Error(), "ch") {
		t.Errorf("err = %v", err)
	}
}

func TestErrorSchemas(t *testing.T) {
	name, schemas := (&NextAPIContract{}).ErrorSchemas()
	if _, ok := schemas[name]; !ok {
		t.Fatalf("no schema %s", name)
	}
	for k, s := range schemas {
		if !json.Valid(s) {
			t.Errorf("%s: invalid JSON", k)
		}
	}
	if !bytes.Contains(schemas[name], []byte(`"IDEMPOTENCY_CONFLICT"`)) {
		t.Error("enum misses codes")
	}
}
