package idempotency

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/apierr/payout"
)

// NextAPI: X-Idempotency-Key; reuse with other parameters is 409
// IDEMPOTENCY_CONFLICT; a bad key is its 400 VALIDATION_ERROR.
func TestNextAPI(t *testing.T) {
	h := &createPayment{}
	srv := mustNew(t, Config{Header: "X-Idempotency-Key", Contract: nextapi.Contract}).Handler(h)
	send := func(key, body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/v1/payouts", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Authorization", "Basic Y2xpZW50OnNlY3JldA==")
		r.Header.Set("X-Idempotency-Key", key)
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		return w
	}
	first := send("po-1", `{"amount":10000}`)
	if again := send("po-1", `{"amount":10000}`); again.Code != first.Code || again.Body.String() != first.Body.String() {
		t.Fatalf("replay: %d %s", again.Code, again.Body)
	}
	w := send("po-1", `{"amount":20000}`)
	if w.Code != http.StatusConflict || !strings.HasPrefix(w.Body.String(), `{"error":{"code":"IDEMPOTENCY_CONFLICT","message":`) {
		t.Fatalf("mismatch: %d %s", w.Code, w.Body)
	}
	w = send("po 2", `{}`)
	if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), `"VALIDATION_ERROR"`) ||
		!strings.Contains(w.Body.String(), `"field":"X-Idempotency-Key","in":"header"`) {
		t.Fatalf("bad key: %d %s", w.Code, w.Body)
	}
	if h.runs.Load() != 1 {
		t.Fatalf("ran %d times", h.runs.Load())
	}
}

// Payout API: a repeated create is answered 200, in its own shape for
// errors.
func TestPayout(t *testing.T) {
	h := &createPayment{}
	srv := mustNew(t, Config{Contract: payout.Contract, ReplayStatus: http.StatusOK}).Handler(h)
	if w := do(srv, req{key: "ext-1", body: `{"amount":"5.00"}`}); w.Code != http.StatusCreated {
		t.Fatalf("first: %d", w.Code)
	}
	if w := do(srv, req{key: "ext-1", body: `{"amount":"5.00"}`}); w.Code != http.StatusOK || w.Header().Get(ReplayHeader) != "true" {
		t.Fatalf("replay: %d", w.Code)
	}
	w := do(srv, req{key: "ext-1", body: `{"amount":"6.00"}`})
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), `"message":"external_id already used with different parameters"`) {
		t.Fatalf("mismatch: %d %s", w.Code, w.Body)
	}
}

// The Payout API's idempotency key is external_id, in the body.
func TestBodyKey(t *testing.T) {
	h := &createPayment{}
	srv := mustNew(t, Config{Contract: payout.Contract, ReplayStatus: http.StatusOK, BodyKey: "external_id"}).Handler(h)
	if w := do(srv, req{body: `{"external_id":"ext-9","amount":"5.00"}`}); w.Code != http.StatusCreated {
		t.Fatalf("first: %d %s", w.Code, w.Body)
	}
	w := do(srv, req{body: `{"amount":"5.00", "external_id":"ext-9"}`})
	if w.Code != http.StatusOK || w.Header().Get(ReplayHeader) != "true" {
		t.Fatalf("replay: %d", w.Code)
	}
	if w := do(srv, req{body: `{"external_id":"ext-9","amount":"6.00"}`}); w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("mismatch: %d %s", w.Code, w.Body)
	}
	if h.runs.Load() != 1 {
		t.Fatalf("ran %d times", h.runs.Load())
	}
	for _, q := range []req{
		{body: `{"amount":"5.00"}`},
		{body: `{"external_id":null}`},
		{body: `[1]`},
		{body: `not json`},
		{body: `{"external_id":"ext-9"}`, ct: "text/plain"},
	} {
		before := h.runs.Load()
		w := do(srv, q)
		if w.Code != http.StatusCreated || h.runs.Load() != before+1 || !strings.Contains(w.Body.String(), "request") {
			t.Errorf("%+v: %d %s", q, w.Code, w.Body)
		}
	}
	for body, rule := range map[string]string{
		`{"external_id":42}`:    "type",
		`{"external_id":""}`:    "required",
		`{"external_id":"a b"}`: "charset",
		`{"external_id":"` + strings.Repeat("x", MaxKeyLen+1) + `"}`: "max",
	} {
		w := do(srv, req{body: body})
		if w.Code != http.StatusUnprocessableEntity && w.Code != http.StatusBadRequest {
			t.Errorf("%s: %d %s", body, w.Code, w.Body)
		}
		if !strings.Contains(w.Body.String(), `"field":"external_id"`) {
			t.Errorf("%s: %s (want rule %s)", body, w.Body, rule)
		}
	}
	// The header still wins when sent.
	if w := do(srv, req{key: "hdr-1", body: `{"external_id":"ext-9","amount":"5.00"}`}); w.Code != http.StatusCreated {
		t.Fatalf("header key: %d", w.Code)
	}
}
