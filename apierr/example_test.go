package apierr_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/apierr/nextapi"
)

// Pin the clock so the examples print stable timestamps.
func pin() func() {
	return apierr.SetClock(func() time.Time { return time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC) })
}

func ExampleNew() {
	defer pin()()
	b, _ := json.Marshal(apierr.New(apierr.PAY0001))
	fmt.Println(string(b))
	// Output:
	// {"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleError_With() {
	defer pin()()
	err := apierr.New(apierr.QOT0003).With("fromCurrency", "BRL").With("toCurrency", "USD")
	b, _ := json.Marshal(err)
	fmt.Println(string(b))
	// Output:
	// {"statusCode":422,"code":"[QOT0003]","message":"[QOT0003] Currency pair unavailable","timestamp":"2026-01-15T10:30:00.000Z","details":{"fromCurrency":"BRL","toCurrency":"USD"}}
}

func ExampleError_Msg() {
	fmt.Println(apierr.New(apierr.PAY0001).Msg("Payment pay_42 not found").Message())
	// Output: [PAY0001] Payment pay_42 not found
}

func ExampleError_WithFields() {
	defer pin()()
	err := apierr.New(apierr.PYE0003).WithFields(
		apierr.FieldError{Field: "iban", Rule: "iban", Message: "iban must be a valid IBAN"})
	b, _ := json.Marshal(err)
	fmt.Println(string(b))
	// Output:
	// {"statusCode":400,"code":"[PYE0003]","message":"[PYE0003] Payee validation failed","timestamp":"2026-01-15T10:30:00.000Z","details":{"fields":[{"field":"iban","rule":"iban","message":"iban must be a valid IBAN"}]}}
}

// A code is an error: return it as it is, and test for it with errors.Is at
// any depth.
func ExampleCode() {
	find := func(id string) error { return apierr.PAY0001 }
	err := fmt.Errorf("loading %s: %w", "pay_1", find("pay_1"))
	fmt.Println(errors.Is(err, apierr.PAY0001), apierr.PAY0001.Status(), apierr.PAY0001.Module().Name)
	fmt.Println(err)
	// Output:
	// true 404 Payments
	// loading pay_1: [PAY0001] Payment not found
}

// The cause is for logs: Error shows it, the body never does.
func ExampleWrap() {
	defer pin()()
	err := apierr.Wrap(errors.New("dial tcp 10.0.0.7:5432: connection refused"), apierr.GEN9001)
	fmt.Println(err)
	b, _ := json.Marshal(err)
	fmt.Println(string(b))
	// Output:
	// [GEN9001] Internal server error: dial tcp 10.0.0.7:5432: connection refused
	// {"statusCode":500,"code":"[GEN9001]","message":"[GEN9001] Internal server error","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleAs() {
	e, ok := apierr.As(fmt.Errorf("charge: %w", apierr.QOT0001))
	fmt.Println(ok, e.Status(), e.Message())
	// Output: true 422 [QOT0001] Quote has expired
}

func ExampleRender() {
	defer pin()()
	h := func(w http.ResponseWriter, r *http.Request) {
		err := apierr.New(apierr.GEN9013).WithRetryAfter(90 * time.Second)
		_ = apierr.Render(w, r, apierr.Nexpay, err)
	}
	rec := httptest.NewRecorder()
	h(rec, httptest.NewRequest("POST", "/v2/payments", nil))
	fmt.Println(rec.Code, rec.Header().Get("Retry-After"), rec.Header().Get("Content-Type"))
	fmt.Println(rec.Body)
	// Output:
	// 503 90 application/json; charset=utf-8
	// {"statusCode":503,"code":"[GEN9013]","message":"[GEN9013] Service is under maintenance. Please try again later.","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleWrite() {
	rec := httptest.NewRecorder()
	_ = apierr.Write(rec, nil, errors.New("secret: db password"))
	fmt.Println(rec.Code, strings.Contains(rec.Body.String(), "secret"))
	// Output: 500 false
}

func ExampleParse() {
	body := []byte(`{"statusCode":422,"code":"[QOT0003]","message":"[QOT0003] Currency pair unavailable","timestamp":"2026-01-15T10:30:00.000Z","details":{"fromCurrency":"BRL","toCurrency":"USD"}}`)
	err, perr := apierr.Parse(422, body)
	if perr != nil {
		panic(perr)
	}
	from, _ := err.Detail("fromCurrency")
	fmt.Println(errors.Is(err, apierr.QOT0003), err.Time().Format(time.RFC3339), from)
	// Output: true 2026-01-15T10:30:00Z BRL
}

// A body that is not the contract's says so, with the status and first bytes.
func ExampleParseResponse() {
	resp := &http.Response{StatusCode: 502, Body: io.NopCloser(strings.NewReader("<html>Bad Gateway</html>"))}
	_, err := apierr.ParseResponse(resp)
	var pe *apierr.ParseError
	fmt.Println(errors.As(err, &pe), pe.Status, string(pe.Body))
	// Output: true 502 <html>Bad Gateway</html>
}

func ExampleParseResponseAs() {
	rec := httptest.NewRecorder()
	_ = apierr.Render(rec, nil, apierr.Nexpay, apierr.New(apierr.DOC0002))
	err, _ := apierr.ParseResponseAs(apierr.Nexpay, rec.Result())
	fmt.Println(err.ID(), err.Status())
	// Output: DOC0002 413
}

// Teams register their own codes at start-up; mistakes are refused there.
func ExampleRegister() {
	settled, err := apierr.Register("PAY0100", 409, "Payment already settled")
	fmt.Println(settled.Error(), err)
	_, err = apierr.Register("PAY100", 409, "Too short")
	fmt.Println(err)
	// Output:
	// [PAY0100] Payment already settled <nil>
	// apierr: nexpay: register "PAY100": a Nexpay code is 3 capital letters and 4 digits, like PAY0001
}

func ExampleMustRegister() {
	var refundWindowClosed = apierr.MustRegister("PAY0101", 422, "Refund window closed")
	fmt.Println(refundWindowClosed.Status(), refundWindowClosed.Module().Name)
	// Output: 422 Payments
}

func ExampleOverride() {
	slowDown := apierr.MustRegister("GEN8001", 429, "Slow down")
	c, err := apierr.Override(apierr.Nexpay, map[apierr.Condition]apierr.Code{apierr.RateLimited: slowDown})
	fmt.Println(c.Code(apierr.RateLimited).ID(), c.Code(apierr.NotFound).ID(), err)
	// Output: GEN8001 GEN9404 <nil>
}

func ExampleNewCondition() {
	ce := apierr.NewCondition(apierr.Validation).WithFields(apierr.FieldError{Field: "amount", Rule: "required", Message: "amount is required"})
	e := ce.In(apierr.Nexpay)
	fmt.Println(e.ID(), e.Status(), e.Fields()[0].Message)
	// Output: GEN9002 400 amount is required
}

func ExampleSetClock() {
	restore := apierr.SetClock(func() time.Time { return time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC) })
	defer restore()
	fmt.Println(apierr.New(apierr.PAY0001).Time())
	// Output: 2026-01-15 10:30:00 +0000 UTC
}

// A catalogue of another contract: its own ID format, statuses and messages.
func ExampleNewCatalogue() {
	cat := apierr.NewCatalogue("acme", func(id string) error {
		if strings.ToUpper(id) != id {
			return errors.New("codes are upper case")
		}
		return nil
	})
	funds := cat.MustRegister(apierr.Spec{ID: "INSUFFICIENT_FUNDS", Status: 422, Message: "Insufficient funds"})
	_, err := cat.Register(apierr.Spec{ID: "oops", Status: 400, Message: "x"})
	fmt.Println(funds.ID(), funds.Status(), err)
	// Output: INSUFFICIENT_FUNDS 422 apierr: acme: register "oops": codes are upper case
}

func ExampleCatalogue_Markdown() {
	md := apierr.Nexpay.Catalogue().Markdown()
	fmt.Println(strings.Split(md, "\n")[2])
	// Output: | `[GEN9001]` | Internal server error | 500 | General |
}

// Contract packages keep a code they do not know when parsing a response.
func ExampleCatalogue_Unregistered() {
	e := apierr.Nexpay.Catalogue().Unregistered(apierr.Spec{ID: "PAY0999", Status: 409, Message: "Payment frozen"})
	fmt.Println(e.Code().Valid(), e.ID(), e.Status(), e.Message())
	// Output: false PAY0999 409 [PAY0999] Payment frozen
}

// NewRetryAfter makes an error that asks the client to come back later,
// with the headers a 429 adds (clients read header names
// case-insensitively).
func ExampleNewRetryAfter() {
	e := apierr.NewRetryAfter(apierr.GEN9429, 90*time.Second, "Ratelimit-Limit", "100")
	rec := httptest.NewRecorder()
	_ = apierr.Render(rec, nil, apierr.Nexpay, e)
	fmt.Println(rec.Code, rec.Header().Get("Retry-After"), rec.Header().Get("RateLimit-Limit"))
	// Output: 429 90 100
}

// A server that knows its request's metadata hands it to RenderMeta; a
// contract with a trace field shows the trace ID.
func ExampleRenderMeta() {
	rec := httptest.NewRecorder()
	m := apierr.Meta{RequestID: "req-1", TraceID: "4bf92f3577b34da6a3ce929d0e0e4736", Instance: "/v2/payments/7", Method: "GET"}
	_ = apierr.RenderMeta(rec, nexpaylegacy.Contract, apierr.New(apierr.PAY0001), m)
	fmt.Println(rec.Code, rec.Body)
	// Output: 404 {"errors":[{"code":90404,"message":"Payment not found"}],"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}
}

// MetaOf reads what a bare request offers: its ID (from the context, else
// a valid X-Request-Id header), the trace ID derived from it, its path and
// method.
func ExampleMetaOf() {
	r := httptest.NewRequest("HEAD", "/v2/payments/7", nil)
	r.Header.Set("X-Request-Id", "req-1")
	m := apierr.MetaOf(r)
	fmt.Println(m.RequestID, m.TraceID, m.Instance, m.Method)
	// Output: req-1 9456bdfa12ea76959c94a3572f5d91c7 /v2/payments/7 HEAD
}

func ExampleBody_AppendDetails() {
	b := apierr.Body{Details: []apierr.Detail{{Key: "minimum", Value: "10.00"}}, Fields: []apierr.FieldError{{Field: "amount", Rule: "required", Message: "amount is required"}}}
	out, _ := b.AppendDetails(nil)
	fmt.Println(string(out))
	// Output: {"minimum":"10.00","fields":[{"field":"amount","rule":"required","message":"amount is required"}]}
}

func ExampleConditionForStatus() {
	fmt.Println(apierr.ConditionForStatus(415), apierr.Nexpay.Code(apierr.ConditionForStatus(415)).ID())
	fmt.Println(apierr.ConditionForStatus(418), apierr.ConditionForStatus(501))
	// Output:
	// unsupported_media_type GEN9415
	// bad_request internal
}

// AppendBody renders what Render writes, without a response: a contract
// answers another catalogue's code with its own for the status.
func ExampleAppendBody() {
	cat := apierr.NewCatalogue("append-body-example", nil)
	slow := cat.MustRegister(apierr.Spec{ID: "SLOW_DOWN", Status: 429, Message: "Slow down"})
	body, _ := apierr.AppendBody(nil, apierr.Nexpay, apierr.New(slow).At(time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC)), apierr.Meta{})
	fmt.Println(string(body))
	// Output: {"statusCode":429,"code":"[GEN9429]","message":"[GEN9429] Slow down","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleError_Condition() {
	// Made for a condition in Nexpay v2, answered in NextAPI with NextAPI's
	// code for the condition.
	e := apierr.NewCondition(apierr.Conflict).In(apierr.Nexpay)
	cond, ok := e.Condition()
	fmt.Println(e.ID(), cond, ok)
	rec := httptest.NewRecorder()
	_ = apierr.Render(rec, httptest.NewRequest("POST", "/v1/payouts", nil), nextapi.Contract, e)
	fmt.Println(rec.Code, rec.Body)
	// Output:
	// GEN9409 conflict true
	// 409 {"error":{"code":"CONFLICT","message":"The request conflicts with the current state of the resource"}}
}

func ExampleError_AnsweredIn() {
	// What a log or a metric reports of an error: the code and status the
	// contract answers it with, not the error's own in another catalogue.
	e := apierr.NewCondition(apierr.IdempotencyMismatch).In(apierr.Nexpay)
	fmt.Println(e.ID(), e.Status())
	fmt.Println(e.AnsweredIn(nextapi.Contract))
	fmt.Println(apierr.New(apierr.PAY0001).AnsweredIn(apierr.Nexpay))
	// Output:
	// GEN9422 422
	// IDEMPOTENCY_CONFLICT 409
	// PAY0001 404
}
