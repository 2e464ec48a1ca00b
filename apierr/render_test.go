package apierr_test

import (
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/apierr/nextapi"
)

var pinned = time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC)

func TestRender(t *testing.T) {
	rec := httptest.NewRecorder()
	e := apierr.New(apierr.GEN9013).At(pinned).WithRetryAfter(90 * time.Second)
	if err := apierr.Render(rec, httptest.NewRequest("GET", "/v2/payments", nil), apierr.Nexpay, e); err != nil {
		t.Fatal(err)
	}
	if rec.Code != 503 {
		t.Errorf("status %d", rec.Code)
	}
	for k, v := range map[string]string{
		"Content-Type":           "application/json; charset=utf-8",
		"X-Content-Type-Options": "nosniff",
		"Cache-Control":          "no-store",
		"Retry-After":            "90",
	} {
		if got := rec.Header().Get(k); got != v {
			t.Errorf("%s: %q, want %q", k, got, v)
		}
	}
	want := `{"statusCode":503,"code":"[GEN9013]","message":"[GEN9013] Service is under maintenance. Please try again later.","timestamp":"2026-01-15T10:30:00.000Z"}`
	if rec.Body.String() != want {
		t.Errorf("body\n got %s\nwant %s", rec.Body, want)
	}
}

func TestRenderHEAD(t *testing.T) {
	rec := httptest.NewRecorder()
	_ = apierr.Render(rec, httptest.NewRequest("HEAD", "/v2/payments/1", nil), nil, apierr.New(apierr.PAY0001))
	if rec.Code != 404 || rec.Body.Len() != 0 || rec.Header().Get("Content-Type") == "" {
		t.Errorf("HEAD: status %d, body %q, headers %v", rec.Code, rec.Body, rec.Header())
	}
}

func TestRenderUnencodableDetails(t *testing.T) {
	for name, v := range map[string]any{
		"channel": make(chan int),
		"NaN":     math.NaN(),
		"Inf":     math.Inf(1),
		"func":    func() {},
		"nested":  map[string]any{"x": math.NaN()},
	} {
		t.Run(name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			rec.Header().Set("Content-Length", "3")
			_ = apierr.Render(rec, nil, nil, apierr.New(apierr.QOT0003).With("ok", "yes").With("bad", v))
			if rec.Code != 500 {
				t.Errorf("status %d, want 500", rec.Code)
			}
			var body map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("invalid JSON %q: %v", rec.Body, err)
			}
			if body["code"] != "[GEN9001]" || body["details"] != nil {
				t.Errorf("body %s", rec.Body)
			}
			if rec.Header().Get("Content-Length") != "" {
				t.Error("a stale Content-Length was kept")
			}
		})
	}
}

func TestRenderFieldsAndDetails(t *testing.T) {
	e := apierr.New(apierr.PYE0003).At(pinned).With("attempt", 2).With("fields", "shadowed").
		WithFields(apierr.FieldError{Field: "iban", Rule: "iban", Message: "iban must be a valid IBAN"},
			apierr.FieldError{Field: "limit", In: "query", Rule: "max", Param: "100", Message: "limit must be 100 or less"})
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"statusCode":400,"code":"[PYE0003]","message":"[PYE0003] Payee validation failed","timestamp":"2026-01-15T10:30:00.000Z","details":{"attempt":2,"fields":[{"field":"iban","rule":"iban","message":"iban must be a valid IBAN"},{"field":"limit","in":"query","rule":"max","param":"100","message":"limit must be 100 or less"}]}}`
	if string(b) != want {
		t.Errorf("\n got %s\nwant %s", b, want)
	}
}

func TestRenderForeignCode(t *testing.T) {
	cat := apierr.NewCatalogue("elsewhere", nil)
	code := cat.MustRegister(apierr.Spec{ID: "RATE", Status: 429, Message: "slow down"})
	rec := httptest.NewRecorder()
	_ = apierr.Render(rec, nil, apierr.Nexpay, apierr.New(code).At(pinned))
	if rec.Code != 429 || !strings.Contains(rec.Body.String(), `"code":"[GEN9429]"`) {
		t.Errorf("foreign code rendered as %d %s", rec.Code, rec.Body)
	}
}

func TestWrite(t *testing.T) {
	rec := httptest.NewRecorder()
	_ = apierr.Write(rec, nil, errors.New("secret sauce"))
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "secret") || !strings.Contains(rec.Body.String(), "[GEN9001] Internal server error") {
		t.Errorf("Write(foreign) = %d %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	_ = apierr.Write(rec, nil, apierr.QOT0001)
	if rec.Code != 422 {
		t.Errorf("Write(code) = %d", rec.Code)
	}
}

// The timestamp is UTC with milliseconds whatever the zone of the clock.
func TestTimestampFormat(t *testing.T) {
	zone := time.FixedZone("BRT", -3*3600)
	e := apierr.New(apierr.PAY0001).At(time.Date(2026, 1, 15, 7, 30, 0, 123456789, zone))
	b, _ := json.Marshal(e)
	if !strings.Contains(string(b), `"timestamp":"2026-01-15T10:30:00.123Z"`) {
		t.Errorf("%s", b)
	}
	restore := apierr.SetClock(func() time.Time { return pinned })
	if !apierr.New(apierr.PAY0001).Time().Equal(pinned) {
		t.Error("SetClock not used")
	}
	restore()
	if apierr.New(apierr.PAY0001).Time().Equal(pinned) {
		t.Error("restore did not restore")
	}
}

func TestHeaderSlicesNotShared(t *testing.T) {
	a, b := httptest.NewRecorder(), httptest.NewRecorder()
	_ = apierr.Render(a, nil, nil, apierr.New(apierr.PAY0001))
	a.Header().Add("Cache-Control", "private")
	_ = apierr.Render(b, nil, nil, apierr.New(apierr.PAY0001))
	if got := b.Header().Values("Cache-Control"); len(got) != 1 || got[0] != "no-store" {
		t.Errorf("a later Add on one response changed another: %v", got)
	}
}

var _ http.ResponseWriter = httptest.NewRecorder()

// The zero Code is nobody's code: it is answered as an internal error.
func TestRenderZeroCode(t *testing.T) {
	rec := httptest.NewRecorder()
	_ = apierr.Render(rec, nil, nil, apierr.New(0))
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), `"code":"[GEN9001]"`) {
		t.Errorf("zero code rendered as %d %s", rec.Code, rec.Body)
	}
	if _, err := apierr.Parse(500, rec.Body.Bytes()); err != nil {
		t.Error(err)
	}
}

// A custom message on a 5xx code is for logs: the body shows the
// catalogue's, whatever was formatted into it.
func TestCustomMessageNotRenderedAt5xx(t *testing.T) {
	e := apierr.New(apierr.GEN9001).Msgf("dial tcp 10.0.0.5:5432: %v", "password authentication failed")
	b, _ := json.Marshal(e)
	if strings.Contains(string(b), "password") || !strings.Contains(string(b), `"message":"[GEN9001] Internal server error"`) {
		t.Errorf("body %s", b)
	}
	if !strings.Contains(e.Error(), "password") || e.PublicText() != "Internal server error" {
		t.Errorf("Error() %q PublicText() %q", e.Error(), e.PublicText())
	}
	if got := apierr.New(apierr.PAY0001).Msg("Payment p_1 not found").PublicText(); got != "Payment p_1 not found" {
		t.Errorf("a 4xx custom message must be shown: %q", got)
	}
	if got := apierr.New(apierr.GEN9013).WithRetryAfter(1 << 62).RetryAfter(); got != 365*24*time.Hour {
		t.Errorf("huge Retry-After: %v", got)
	}
}

// Render only reads the error: one error, headers and all, may be rendered
// by many requests at once (run with -race), and each response gets the
// same bytes and headers.
func TestRenderSharedErrorConcurrently(t *testing.T) {
	shared := apierr.New(apierr.GEN9429).WithRetryAfter(90*time.Second).
		WithHeader("Ratelimit-Limit", "100").
		With("limit", 100).At(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	want := httptest.NewRecorder()
	if err := apierr.Render(want, nil, apierr.Nexpay, shared); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				rec := httptest.NewRecorder()
				if err := apierr.Render(rec, nil, apierr.Nexpay, shared); err != nil {
					t.Error(err)
					return
				}
				if rec.Body.String() != want.Body.String() ||
					rec.Header().Get("Retry-After") != "90" ||
					rec.Header().Get("Ratelimit-Limit") != "100" {
					t.Errorf("got %q %v", rec.Body, rec.Header())
					return
				}
			}
		})
	}
	wg.Wait()
}

// An error made for a condition in one contract is answered, in another,
// with that contract's code for the condition, not for the status.
func TestConditionErrorInAnotherContract(t *testing.T) {
	e := apierr.NewCondition(apierr.IdempotencyMismatch).In(apierr.Nexpay) // 422 GEN9422
	if cond, ok := e.Condition(); !ok || cond != apierr.IdempotencyMismatch {
		t.Fatalf("condition %v %v", cond, ok)
	}
	if _, ok := apierr.New(apierr.GEN9422).Condition(); ok {
		t.Error("a code has a condition")
	}
	rec := httptest.NewRecorder()
	if err := apierr.Render(rec, httptest.NewRequest("POST", "/", nil), nextapi.Contract, e); err != nil {
		t.Fatal(err)
	}
	if rec.Code != 409 || !strings.HasPrefix(rec.Body.String(), `{"error":{"code":"IDEMPOTENCY_CONFLICT"`) {
		t.Errorf("%d %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	a := apierr.NewAuthFailure(apierr.AuthNonceReused).In(apierr.Nexpay)
	if err := apierr.Render(rec, httptest.NewRequest("POST", "/", nil), nexpaylegacy.Contract, a); err != nil {
		t.Fatal(err)
	}
	if rec.Code != 403 || !strings.HasPrefix(rec.Body.String(), `{"errors":[{"code":50,`) {
		t.Errorf("auth failure: %d %s", rec.Code, rec.Body)
	}
}
