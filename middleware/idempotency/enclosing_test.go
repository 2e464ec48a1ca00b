package idempotency

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/middleware"
)

// failures counts what a Set reports to its metrics hook.
type failures struct {
	mu    sync.Mutex
	codes []string
}

func (f *failures) add(x middleware.Failure) {
	f.mu.Lock()
	f.codes = append(f.codes, x.Code)
	f.mu.Unlock()
}

func (f *failures) list() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.codes...)
}

// With Config.Contract nil, every failure of the middleware is answered
// by the enclosing Set: in its contract, reported to its metrics and
// logger, a 5xx without its cause.
func TestFailuresGoThroughEnclosingSet(t *testing.T) {
	var log bytes.Buffer
	var seen failures
	store := &switchStore{Store: NewMemoryStore(MemoryConfig{})}
	h := &blocking{started: make(chan struct{}), release: make(chan struct{})}
	m := mustNew(t, Config{Header: "X-Idempotency-Key", Store: store, MaxBody: 64})
	srv := middleware.Wrap(m.Handler(h),
		middleware.WithContract(nextapi.Contract),
		middleware.WithMetrics(seen.add),
		middleware.WithLogger(slog.New(slog.NewTextHandler(&log, nil))))
	send := func(key, body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/v2/payouts", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("X-Idempotency-Key", key)
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		return w
	}
	first := make(chan *httptest.ResponseRecorder)
	go func() { first <- send("k", `{"amount":"1.00"}`) }()
	<-h.started

	cases := []struct {
		name, key, body string
		status          int
		prefix          string
		retryAfter      string
	}{
		{"in progress", "k", `{"amount":"1.00"}`, 409,
			`{"error":{"code":"REQUEST_IN_PROGRESS","message":"A request with this idempotency key is still being processed"}}`, "1"},
		{"other parameters", "k", `{"amount":"2.00"}`, 409,
			`{"error":{"code":"IDEMPOTENCY_CONFLICT","message":"Same idempotency key used with different parameters"}}`, ""},
		{"bad key", "a b", `{}`, 400,
			`{"error":{"code":"VALIDATION_ERROR","message":"Request body failed validation","details":{"fields":[{"field":"X-Idempotency-Key","in":"header","rule":"charset"`, ""},
		{"too large", "big", strings.Repeat("x", 65), 413,
			`{"error":{"code":"PAYLOAD_TOO_LARGE","message":"Request body too large"}}`, ""},
		{"store down", "down", `{}`, 503,
			`{"error":{"code":"SERVICE_UNAVAILABLE","message":"Service temporarily unavailable"}}`, "1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			store.fail = tc.key == "down"
			defer func() { store.fail = false }()
			w := send(tc.key, tc.body)
			if w.Code != tc.status || !strings.HasPrefix(w.Body.String(), tc.prefix) {
				t.Fatalf("%d %s", w.Code, w.Body)
			}
			if got := w.Header().Get("Retry-After"); got != tc.retryAfter {
				t.Errorf("Retry-After %q, want %q", got, tc.retryAfter)
			}
			if w.Header().Get("X-Request-Id") == "" {
				t.Error("answered outside the Set: no request ID")
			}
		})
	}
	close(h.release)
	if w := <-first; w.Code != http.StatusCreated {
		t.Fatalf("first: %d", w.Code)
	}
	want := []string{"REQUEST_IN_PROGRESS", "IDEMPOTENCY_CONFLICT", "VALIDATION_ERROR", "PAYLOAD_TOO_LARGE", "SERVICE_UNAVAILABLE"}
	if got := seen.list(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("metrics saw %v, want %v", got, want)
	}
	if strings.Count(log.String(), "request failed") != len(want) || !strings.Contains(log.String(), "store down at 10.0.0.7") {
		t.Errorf("log:\n%s", log.String())
	}
	if h.runs.Load() != 1 {
		t.Errorf("ran %d times", h.runs.Load())
	}
}

// switchStore fails its claims while fail is set.
type switchStore struct {
	Store
	fail bool
}

func (s *switchStore) Claim(ctx context.Context, key string, fp Fingerprint) (*Record, bool, error) {
	if s.fail {
		return nil, false, errors.New("store down at 10.0.0.7")
	}
	return s.Store.Claim(ctx, key, fp)
}

// An explicit Contract of another contract than the enclosing Set's gives
// way to the Set's: the failure is answered in the Set's contract, with
// Retry-After for a key in progress, and reported as misconfigured.
func TestExplicitContractInsideSet(t *testing.T) {
	var log bytes.Buffer
	h := &blocking{started: make(chan struct{}), release: make(chan struct{})}
	m := mustNew(t, Config{Header: "X-Idempotency-Key", Contract: nextapi.Contract})
	srv := middleware.Wrap(m.Handler(h), middleware.WithLogger(slog.New(slog.NewTextHandler(&log, nil))))
	send := func(body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/v2/payouts", strings.NewReader(body))
		r.Header.Set("X-Idempotency-Key", "k")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		return w
	}
	done := make(chan struct{})
	go func() { send(`{"a":1}`); close(done) }()
	<-h.started
	w := send(`{"a":1}`)
	close(h.release)
	<-done
	if e, err := apierr.Nexpay.Parse(w.Code, w.Body.Bytes()); err != nil || e.Code() != apierr.Nexpay.Code(apierr.InProgress) || w.Header().Get("Retry-After") != "1" {
		t.Fatalf("%d %v %s", w.Code, w.Header(), w.Body)
	}
	if !strings.Contains(log.String(), "level=WARN") || !strings.Contains(log.String(), "misconfigured=") {
		t.Errorf("not reported:\n%s", log.String())
	}
}

// ServeError returns the failure instead of writing it: a condition with
// no Contract, the contract's code with one.
func TestServeError(t *testing.T) {
	next := func(http.ResponseWriter, *http.Request) { t.Fatal("next ran") }
	for _, c := range []apierr.Contract{nil, nextapi.Contract} {
		m := mustNew(t, Config{Contract: c})
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{}`))
		r.Header.Set("Idempotency-Key", "a b")
		w := httptest.NewRecorder()
		err := m.ServeError(w, r, next)
		if w.Body.Len() != 0 || w.Code != 200 {
			t.Fatalf("wrote %d %s", w.Code, w.Body)
		}
		if c == nil {
			ce, ok := errors.AsType[*apierr.ConditionError](err)
			if !ok || ce.Condition != apierr.BadRequest || len(ce.Fields) != 1 || ce.Fields[0].In != "header" {
				t.Fatalf("%#v", err)
			}
		} else if e, ok := apierr.As(err); !ok || e.Code() != nextapi.ValidationError || len(e.Fields()) != 1 {
			t.Fatalf("%#v", err)
		}
	}
}
