package idempotency

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
)

var epoch = time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	apierr.SetClock(func() time.Time { return epoch })
	slog.SetDefault(slog.New(slog.DiscardHandler)) // failures outside a Set log there
	os.Exit(m.Run())
}

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// createPayment is a create endpoint: it reads the body, answers 201 with a
// Location, and counts its runs.
type createPayment struct {
	runs   atomic.Int64
	status int // 0 means 201
}

func (h *createPayment) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := h.runs.Add(1)
	body, _ := io.ReadAll(r.Body)
	status := h.status
	if status == 0 {
		status = http.StatusCreated
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Location", fmt.Sprintf("/v2/payments/pay_%d", n))
	w.Header().Set("X-Request-Id", fmt.Sprintf("req-%d", n))
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"id":"pay_%d","request":%q}`, n, body)
}

func mustNew(t testing.TB, cfg Config) *Middleware {
	t.Helper()
	m, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

type req struct {
	method, path, key, body, auth string
	ct                            string
}

func do(h http.Handler, q req) *httptest.ResponseRecorder {
	if q.method == "" {
		q.method = http.MethodPost
	}
	if q.path == "" {
		q.path = "/v2/payments"
	}
	r := httptest.NewRequest(q.method, q.path, strings.NewReader(q.body))
	if q.key != "" {
		r.Header.Set("Idempotency-Key", q.key)
	}
	if q.auth != "" {
		r.Header.Set("Authorization", q.auth)
	}
	if q.ct == "" {
		q.ct = "application/json"
	}
	r.Header.Set("Content-Type", q.ct)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestReplay(t *testing.T) {
	h := &createPayment{}
	srv := mustNew(t, Config{}).Handler(h)
	first := do(srv, req{key: "k-1", body: `{"amount":"10.00","currency":"EUR"}`, auth: "ApiKey pk_1"})
	if first.Code != http.StatusCreated || first.Header().Get(ReplayHeader) != "" {
		t.Fatalf("first: %d %v", first.Code, first.Header())
	}
	for _, body := range []string{
		`{"amount":"10.00","currency":"EUR"}`,
		"{ \"currency\" : \"EUR\",\n  \"amount\": \"10.00\" }",
		`{"currency":"\u0045UR","amount":"10.00"}`,
	} {
		w := do(srv, req{key: "k-1", body: body, auth: "ApiKey pk_1"})
		if w.Code != first.Code || w.Body.String() != first.Body.String() {
			t.Errorf("replay of %s: %d %s; want %d %s", body, w.Code, w.Body, first.Code, first.Body)
		}
		for _, k := range []string{"Content-Type", "Location"} {
			if w.Header().Get(k) != first.Header().Get(k) {
				t.Errorf("replay %s = %q; want %q", k, w.Header().Get(k), first.Header().Get(k))
			}
		}
		if w.Header().Get(ReplayHeader) != "true" {
			t.Errorf("replay lacks %s", ReplayHeader)
		}
		if got := w.Header().Get("X-Request-Id"); got != "" {
			t.Errorf("replay carries the first response's X-Request-Id %q", got)
		}
	}
	if n := h.runs.Load(); n != 1 {
		t.Fatalf("handler ran %d times; want 1", n)
	}
	if !strings.Contains(first.Body.String(), `\"amount\":\"10.00\"`) {
		t.Errorf("handler did not get the body: %s", first.Body)
	}
}

func TestReplayNoBodyNoWrite(t *testing.T) {
	var runs atomic.Int64
	srv := mustNew(t, Config{}).Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { runs.Add(1) }))
	for range 2 {
		if w := do(srv, req{key: "k", ct: "text/plain"}); w.Code != http.StatusOK || w.Body.Len() != 0 {
			t.Fatalf("%d %q", w.Code, w.Body)
		}
	}
	if runs.Load() != 1 {
		t.Fatalf("ran %d times", runs.Load())
	}
}

const mismatchBody = `{"statusCode":422,"code":"[GEN9422]","message":"[GEN9422] Idempotency key reused with a different request body","timestamp":"2026-01-15T10:30:00.000Z"}`

func TestMismatch(t *testing.T) {
	h := &createPayment{}
	srv := mustNew(t, Config{Methods: []string{http.MethodPost, http.MethodPatch, http.MethodPut}}).Handler(h)
	do(srv, req{key: "k", body: `{"amount":"10.00"}`})
	for _, q := range []req{
		{key: "k", body: `{"amount":"10.01"}`},
		{key: "k", body: `{"amount":10.00}`},
		{key: "k", body: `{"amount":"10.00"}`, ct: "text/plain"},
		{key: "k", body: `{"amount":"10.00"}`, path: "/v2/payouts"},
		{key: "k", body: `{"amount":"10.00"}`, path: "/v2/payments?force=1"},
		{key: "k", body: `{"amount":"10.00"}`, method: http.MethodPatch},
		{key: "k", body: `{"amount":"10.00"}`, method: http.MethodPut},
	} {
		w := do(srv, q)
		if w.Code != http.StatusUnprocessableEntity || w.Body.String() != mismatchBody {
			t.Errorf("%+v: %d %s", q, w.Code, w.Body)
		}
		if ct := w.Header().Get("Content-Type"); ct != apierr.Nexpay.ContentType() {
			t.Errorf("%+v: Content-Type %q", q, ct)
		}
	}
	if n := h.runs.Load(); n != 1 {
		t.Fatalf("handler ran %d times; want 1", n)
	}
}

// A contract whose mismatch is a 409, as NextAPI's IDEMPOTENCY_CONFLICT.
func TestMismatchPerContract(t *testing.T) {
	c, err := apierr.Override(apierr.Nexpay, map[apierr.Condition]apierr.Code{apierr.IdempotencyMismatch: apierr.GEN9409})
	if err != nil {
		t.Fatal(err)
	}
	srv := mustNew(t, Config{Contract: c, Header: "X-Idempotency-Key"}).Handler(&createPayment{})
	send := func(body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/v1/payouts", strings.NewReader(body))
		r.Header.Set("X-Idempotency-Key", "payout-42")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		return w
	}
	if w := send(`a`); w.Code != http.StatusCreated {
		t.Fatalf("first: %d", w.Code)
	}
	if w := send(`b`); w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), `"[GEN9409]"`) {
		t.Fatalf("mismatch: %d %s", w.Code, w.Body)
	}
}

func TestScope(t *testing.T) {
	h := &createPayment{}
	store := NewMemoryStore(MemoryConfig{})
	srv := mustNew(t, Config{Store: store}).Handler(h)
	do(srv, req{key: "k", body: `{}`, auth: "ApiKey pk_alice"})
	if w := do(srv, req{key: "k", body: `{"other":1}`, auth: "ApiKey pk_bob"}); w.Code != http.StatusCreated {
		t.Fatalf("bob's key collided with alice's: %d %s", w.Code, w.Body)
	}
	if w := do(srv, req{key: "k", body: `{}`, auth: "ApiKey pk_alice"}); w.Header().Get(ReplayHeader) != "true" {
		t.Fatalf("alice's retry not replayed: %d", w.Code)
	}
	if h.runs.Load() != 2 {
		t.Fatalf("ran %d times", h.runs.Load())
	}
	store.mu.Lock()
	defer store.mu.Unlock()
	for k := range store.m {
		if strings.Contains(k, "pk_") {
			t.Errorf("store key %q holds a credential", k)
		}
	}
}

func TestCustomScope(t *testing.T) {
	h := &createPayment{}
	srv := mustNew(t, Config{Scope: func(r *http.Request) string { return r.Header.Get("X-Tenant") }}).Handler(h)
	for _, tenant := range []string{"a", "b", "a"} {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{}`))
		r.Header.Set("Idempotency-Key", "k")
		r.Header.Set("X-Tenant", tenant)
		srv.ServeHTTP(httptest.NewRecorder(), r)
	}
	if h.runs.Load() != 2 {
		t.Fatalf("ran %d times; want 2", h.runs.Load())
	}
}

// blocking runs until release is closed, counting its runs.
type blocking struct {
	runs    atomic.Int64
	started chan struct{}
	release chan struct{}
}

func (h *blocking) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.runs.Add(1) == 1 {
		close(h.started)
	}
	<-h.release
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	io.WriteString(w, `{"id":"pay_1"}`)
}

func TestConcurrentConflict(t *testing.T) {
	const n = 100
	h := &blocking{started: make(chan struct{}), release: make(chan struct{})}
	srv := mustNew(t, Config{}).Handler(h)
	results := make(chan *httptest.ResponseRecorder, n)
	for range n {
		go func() { results <- do(srv, req{key: "same", body: `{"amount":"1.00"}`}) }()
	}
	// The request that claimed the key blocks in the handler: the others
	// all find it in flight.
	var got []*httptest.ResponseRecorder
	for range n - 1 {
		got = append(got, <-results)
	}
	close(h.release)
	got = append(got, <-results)
	if runs := h.runs.Load(); runs != 1 {
		t.Fatalf("handler ran %d times under %d concurrent requests", runs, n)
	}
	count := map[int]int{}
	for _, w := range got {
		count[w.Code]++
		if w.Code == http.StatusConflict {
			if !strings.Contains(w.Body.String(), `"code":"[GEN9409]"`) || w.Header().Get("Retry-After") != "1" {
				t.Fatalf("conflict: %v %s", w.Header(), w.Body)
			}
		}
	}
	if count[http.StatusCreated] != 1 || count[http.StatusConflict] != n-1 {
		t.Fatalf("statuses %v", count)
	}
}

// plainStore hides MemoryStore's Notifier: waiters poll.
type plainStore struct{ Store }

func TestConcurrentWait(t *testing.T) {
	t.Run("notified", func(t *testing.T) { testConcurrentWait(t, NewMemoryStore(MemoryConfig{})) })
	t.Run("polling", func(t *testing.T) { testConcurrentWait(t, plainStore{NewMemoryStore(MemoryConfig{})}) })
}

func testConcurrentWait(t *testing.T, store Store) {
	const n = 100
	h := &blocking{started: make(chan struct{}), release: make(chan struct{})}
	srv := mustNew(t, Config{Wait: time.Minute, Store: store}).Handler(h)
	results := make(chan *httptest.ResponseRecorder, n)
	for range n {
		go func() { results <- do(srv, req{key: "same", body: `{"amount":"1.00"}`}) }()
	}
	<-h.started
	close(h.release)
	replays := 0
	for range n {
		w := <-results
		if w.Code != http.StatusCreated || w.Body.String() != `{"id":"pay_1"}` {
			t.Fatalf("%d %s", w.Code, w.Body)
		}
		if w.Header().Get(ReplayHeader) == "true" {
			replays++
		}
	}
	if runs := h.runs.Load(); runs != 1 || replays != n-1 {
		t.Fatalf("handler ran %d times, %d replays", runs, replays)
	}
}

func TestWaitGivesUp(t *testing.T) {
	t.Run("notified", func(t *testing.T) { testWaitGivesUp(t, NewMemoryStore(MemoryConfig{})) })
	t.Run("polling", func(t *testing.T) { testWaitGivesUp(t, plainStore{NewMemoryStore(MemoryConfig{})}) })
}

func testWaitGivesUp(t *testing.T, store Store) {
	h := &blocking{started: make(chan struct{}), release: make(chan struct{})}
	srv := mustNew(t, Config{Wait: time.Millisecond, Store: store}).Handler(h)
	done := make(chan *httptest.ResponseRecorder)
	go func() { done <- do(srv, req{key: "k"}) }()
	<-h.started
	if w := do(srv, req{key: "k"}); w.Code != http.StatusConflict {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	close(h.release)
	if w := <-done; w.Code != http.StatusCreated {
		t.Fatalf("first: %d", w.Code)
	}
}

func TestWaitClientGone(t *testing.T) {
	t.Run("notified", func(t *testing.T) { testWaitClientGone(t, NewMemoryStore(MemoryConfig{})) })
	t.Run("polling", func(t *testing.T) { testWaitClientGone(t, plainStore{NewMemoryStore(MemoryConfig{})}) })
}

func testWaitClientGone(t *testing.T, store Store) {
	h := &blocking{started: make(chan struct{}), release: make(chan struct{})}
	srv := mustNew(t, Config{Wait: time.Hour, Store: store}).Handler(h)
	done := make(chan struct{})
	go func() { do(srv, req{key: "k"}); close(done) }()
	<-h.started
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := httptest.NewRequestWithContext(ctx, http.MethodPost, "/v2/payments", nil)
	r.Header.Set("Idempotency-Key", "k")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != http.StatusConflict {
		t.Fatalf("%d", w.Code)
	}
	close(h.release)
	<-done
}

func TestExpiry(t *testing.T) {
	clock := &fakeClock{t: epoch}
	h := &createPayment{}
	srv := mustNew(t, Config{TTL: time.Hour, Now: clock.Now}).Handler(h)
	do(srv, req{key: "k", body: `{}`})
	clock.Add(time.Hour - time.Nanosecond)
	if w := do(srv, req{key: "k", body: `{}`}); w.Header().Get(ReplayHeader) != "true" {
		t.Fatalf("not replayed before expiry: %d", w.Code)
	}
	clock.Add(time.Nanosecond)
	if w := do(srv, req{key: "k", body: `{"new":1}`}); w.Code != http.StatusCreated || w.Header().Get(ReplayHeader) != "" {
		t.Fatalf("expired key not free: %d %s", w.Code, w.Body)
	}
	if h.runs.Load() != 2 {
		t.Fatalf("ran %d times", h.runs.Load())
	}
}

func TestDefaultTTL(t *testing.T) {
	clock := &fakeClock{t: epoch}
	h := &createPayment{}
	srv := mustNew(t, Config{Now: clock.Now}).Handler(h)
	do(srv, req{key: "k"})
	clock.Add(DefaultTTL - time.Second)
	do(srv, req{key: "k"})
	clock.Add(time.Second)
	do(srv, req{key: "k"})
	if h.runs.Load() != 2 {
		t.Fatalf("ran %d times; want 2", h.runs.Load())
	}
}

func TestEvictionFlood(t *testing.T) {
	const budget = 64 << 10
	store := NewMemoryStore(MemoryConfig{MaxBytes: budget})
	h := &createPayment{}
	srv := mustNew(t, Config{Store: store}).Handler(h)
	const flood = 5000
	for i := range flood {
		do(srv, req{key: fmt.Sprintf("flood-%d", i), body: `{"amount":"1.00"}`})
		if b := store.Bytes(); b > budget {
			t.Fatalf("after %d keys the store holds %d bytes, over its %d budget", i+1, b, budget)
		}
	}
	if l := store.Len(); l >= flood || l == 0 {
		t.Fatalf("store holds %d keys after a flood of %d", l, flood)
	}
	if w := do(srv, req{key: fmt.Sprintf("flood-%d", flood-1), body: `{"amount":"1.00"}`}); w.Header().Get(ReplayHeader) != "true" {
		t.Fatal("newest key evicted")
	}
	if w := do(srv, req{key: "flood-0", body: `{"amount":"1.00"}`}); w.Header().Get(ReplayHeader) != "" {
		t.Fatal("oldest key survived the flood")
	}
}

func TestEvictionMaxEntries(t *testing.T) {
	store := NewMemoryStore(MemoryConfig{MaxEntries: 3})
	srv := mustNew(t, Config{Store: store}).Handler(&createPayment{})
	for i := range 10 {
		do(srv, req{key: fmt.Sprint(i)})
	}
	if store.Len() != 3 {
		t.Fatalf("Len = %d; want 3", store.Len())
	}
}

func Test5xxNotStored(t *testing.T) {
	h := &createPayment{status: http.StatusBadGateway}
	srv := mustNew(t, Config{}).Handler(h)
	if w := do(srv, req{key: "k", body: `{}`}); w.Code != http.StatusBadGateway {
		t.Fatalf("%d", w.Code)
	}
	h.status = http.StatusCreated
	if w := do(srv, req{key: "k", body: `{}`}); w.Code != http.StatusCreated || w.Header().Get(ReplayHeader) != "" {
		t.Fatalf("retry after a 5xx: %d %v", w.Code, w.Header())
	}
	if w := do(srv, req{key: "k", body: `{}`}); w.Header().Get(ReplayHeader) != "true" {
		t.Fatal("2xx after a 5xx not stored")
	}
	if h.runs.Load() != 2 {
		t.Fatalf("ran %d times; want 2", h.runs.Load())
	}
}

func Test4xxStored(t *testing.T) {
	h := &createPayment{status: http.StatusUnprocessableEntity}
	srv := mustNew(t, Config{}).Handler(h)
	first := do(srv, req{key: "k"})
	again := do(srv, req{key: "k"})
	if again.Code != http.StatusUnprocessableEntity || again.Body.String() != first.Body.String() || h.runs.Load() != 1 {
		t.Fatalf("4xx not replayed: %d %s", again.Code, again.Body)
	}
}

func TestPanicReleases(t *testing.T) {
	var runs atomic.Int64
	srv := mustNew(t, Config{}).Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if runs.Add(1) == 1 {
			panic(http.ErrAbortHandler)
		}
		w.WriteHeader(http.StatusCreated)
	}))
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("no panic")
			}
		}()
		do(srv, req{key: "k"})
	}()
	if w := do(srv, req{key: "k"}); w.Code != http.StatusCreated || runs.Load() != 2 {
		t.Fatalf("key held after a panic: %d", w.Code)
	}
}

func TestReplayStatus(t *testing.T) {
	h := &createPayment{}
	srv := mustNew(t, Config{ReplayStatus: http.StatusOK}).Handler(h)
	if w := do(srv, req{key: "a"}); w.Code != http.StatusCreated {
		t.Fatalf("first: %d", w.Code)
	}
	if w := do(srv, req{key: "a"}); w.Code != http.StatusOK || w.Header().Get(ReplayHeader) != "true" {
		t.Fatalf("replay: %d", w.Code)
	}
	h.status = http.StatusUnprocessableEntity
	do(srv, req{key: "b"})
	if w := do(srv, req{key: "b"}); w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("replay of a 422: %d", w.Code)
	}
}

func TestInvalidKey(t *testing.T) {
	h := &createPayment{}
	srv := mustNew(t, Config{}).Handler(h)
	long := strings.Repeat("k", MaxKeyLen+1)
	tests := []struct {
		name   string
		values []string
		rule   string
	}{
		{"empty", []string{""}, "required"},
		{"too long", []string{long}, "max"},
		{"space", []string{"a b"}, "charset"},
		{"quote", []string{`a"b`}, "charset"},
		{"angle", []string{"<script>"}, "charset"},
		{"non-ascii", []string{"clé"}, "charset"},
		{"control", []string{"a\x01"}, "charset"},
		{"twice", []string{"a", "b"}, "single"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodPost, "/v2/payments", strings.NewReader(`{}`))
		r.Header["Idempotency-Key"] = tt.values
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code != http.StatusBadRequest {
			t.Errorf("%s: %d", tt.name, w.Code)
			continue
		}
		var body struct {
			Code    string `json:"code"`
			Details struct {
				Fields []apierr.FieldError `json:"fields"`
			} `json:"details"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
			t.Fatalf("%s: %v: %s", tt.name, err, w.Body)
		}
		f := body.Details.Fields
		if body.Code != "[GEN9002]" || len(f) != 1 || f[0].Field != "Idempotency-Key" || f[0].In != "header" || f[0].Rule != tt.rule || f[0].Message == "" {
			t.Errorf("%s: %s", tt.name, w.Body)
		}
		if strings.Contains(w.Body.String(), "script") {
			t.Errorf("%s: body echoes the key: %s", tt.name, w.Body)
		}
	}
	if h.runs.Load() != 0 {
		t.Fatalf("handler ran for an invalid key")
	}
	if w := do(srv, req{key: strings.Repeat("k", MaxKeyLen)}); w.Code != http.StatusCreated {
		t.Fatalf("key of %d bytes: %d", MaxKeyLen, w.Code)
	}
}

func TestValidKey(t *testing.T) {
	for _, k := range []string{"a", "0b6c3e0e-7f1e-4a53-9a43-2f0d5f1c2b7e", "01ARZ3NDEKTSV4RRFFQ69G5FAV", "order:123", "aGVsbG8=/+", "x.y_z~1"} {
		if !ValidKey(k) {
			t.Errorf("ValidKey(%q) = false", k)
		}
	}
	for _, k := range []string{"", " ", "a b", "a\tb", "a\nb", "é", "a;b", "a,b", "a\x00", strings.Repeat("a", 256)} {
		if ValidKey(k) {
			t.Errorf("ValidKey(%q) = true", k)
		}
	}
}

func TestNotCovered(t *testing.T) {
	h := &createPayment{}
	srv := mustNew(t, Config{}).Handler(h)
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions} {
		for range 2 {
			if w := do(srv, req{method: m, key: "k"}); w.Header().Get(ReplayHeader) != "" {
				t.Errorf("%s replayed", m)
			}
		}
	}
	for range 2 {
		do(srv, req{}) // POST without a key
	}
	if n := h.runs.Load(); n != 12 {
		t.Fatalf("ran %d times; want 12", n)
	}
}

func TestBodyTooLarge(t *testing.T) {
	h := &createPayment{}
	srv := mustNew(t, Config{MaxBody: 8}).Handler(h)
	if w := do(srv, req{key: "k", body: `{"a":"12345"}`}); w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "[GEN9413]") {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if w := do(srv, req{key: "k2", body: `{"a":1}`}); w.Code != http.StatusCreated {
		t.Fatalf("%d", w.Code)
	}
	// An outer limit is a 413 too.
	limited := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 2)
		srv.ServeHTTP(w, r)
	})
	if w := do(limited, req{key: "k3", body: `{"a":1}`}); w.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("outer limit: %d", w.Code)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestBodyReadError(t *testing.T) {
	srv := mustNew(t, Config{}).Handler(&createPayment{})
	r := httptest.NewRequest(http.MethodPost, "/", errReader{})
	r.Header.Set("Idempotency-Key", "k")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != http.StatusBadRequest || strings.Contains(w.Body.String(), "reset") {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
}

type failingStore struct{ Store }

func (failingStore) Claim(context.Context, string, Fingerprint) (*Record, bool, error) {
	return nil, false, errors.New("store down at 10.0.0.7")
}

func TestStoreError(t *testing.T) {
	h := &createPayment{}
	srv := mustNew(t, Config{Store: failingStore{}}).Handler(h)
	w := do(srv, req{key: "k"})
	if w.Code != http.StatusServiceUnavailable || strings.Contains(w.Body.String(), "10.0.0.7") || h.runs.Load() != 0 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
}

func TestNewErrors(t *testing.T) {
	for _, cfg := range []Config{
		{Header: "Bad Header"},
		{Methods: []string{http.MethodGet}},
		{Methods: []string{}},
		{Methods: []string{"PO ST"}},
		{ReplayStatus: 404},
		{TTL: -1},
		{Headers: []string{"a:b"}},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) accepted", cfg)
		}
	}
}

func TestFlush(t *testing.T) {
	srv := mustNew(t, Config{}).Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "a")
		if err := http.NewResponseController(w).Flush(); err != nil {
			t.Error(err)
		}
		w.(http.Flusher).Flush()
		io.WriteString(w, "b")
	}))
	do(srv, req{key: "k"})
	if w := do(srv, req{key: "k"}); w.Body.String() != "ab" {
		t.Fatalf("%q", w.Body)
	}
}

// A response larger than the whole budget is not kept: the key is free.
func TestOversizedRecord(t *testing.T) {
	store := NewMemoryStore(MemoryConfig{MaxBytes: 1024})
	var runs atomic.Int64
	srv := mustNew(t, Config{Store: store}).Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		runs.Add(1)
		w.Write(make([]byte, 2048))
	}))
	do(srv, req{key: "big"})
	do(srv, req{key: "big"})
	if runs.Load() != 2 || store.Len() != 0 || store.Bytes() != 0 {
		t.Fatalf("runs %d, len %d, bytes %d", runs.Load(), store.Len(), store.Bytes())
	}
}

// Appending to a replayed header does not change the stored record.
func TestReplayedHeaderNotShared(t *testing.T) {
	srv := mustNew(t, Config{}).Handler(&createPayment{})
	do(srv, req{key: "k"})
	w := do(srv, req{key: "k"})
	w.Header().Add("Location", "/elsewhere")
	if w := do(srv, req{key: "k"}); len(w.Header()["Location"]) != 1 {
		t.Fatalf("stored header changed: %v", w.Header()["Location"])
	}
}

// A waiter whose first request answers 5xx claims the key and runs.
func TestWaitAfter5xx(t *testing.T) {
	var runs atomic.Int64
	started, release := make(chan struct{}), make(chan struct{})
	srv := mustNew(t, Config{Wait: time.Minute}).Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if runs.Add(1) == 1 {
			close(started)
			<-release
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}))
	first := make(chan int)
	go func() { first <- do(srv, req{key: "k"}).Code }()
	<-started
	second := make(chan int)
	go func() { second <- do(srv, req{key: "k"}).Code }()
	close(release)
	if a, b := <-first, <-second; a != http.StatusServiceUnavailable || b != http.StatusCreated {
		t.Fatalf("first %d, second %d", a, b)
	}
}

func TestMemoryStoreDone(t *testing.T) {
	s := NewMemoryStore(MemoryConfig{})
	ctx := context.Background()
	if s.Done("k") != nil {
		t.Fatal("Done of an unknown key")
	}
	s.Claim(ctx, "k", Fingerprint{1})
	ch := s.Done("k")
	if ch == nil {
		t.Fatal("no channel for a key in flight")
	}
	s.Complete(ctx, "k", &Record{Fingerprint: Fingerprint{1}, Status: 201, Expires: time.Now().Add(time.Hour)})
	<-ch
	if s.Done("k") != nil {
		t.Fatal("Done of a completed key")
	}
	s.Claim(ctx, "r", Fingerprint{2})
	ch = s.Done("r")
	s.Release(ctx, "r")
	<-ch
}
