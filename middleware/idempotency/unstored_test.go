package idempotency

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// completeFails is a MemoryStore whose Complete fails its first fails
// calls, as a shared store does while its server is down; it counts
// releases.
type completeFails struct {
	*MemoryStore
	mu        sync.Mutex
	fails     int
	completes int
	releases  int
}

var errStoreDown = errors.New("store down")

func (s *completeFails) Complete(ctx context.Context, key string, rec *Record) error {
	s.mu.Lock()
	s.completes++
	fail := s.fails > 0
	if fail {
		s.fails--
	}
	s.mu.Unlock()
	if fail {
		return errStoreDown
	}
	return s.MemoryStore.Complete(ctx, key, rec)
}

func (s *completeFails) Release(ctx context.Context, key string) error {
	s.mu.Lock()
	s.releases++
	s.mu.Unlock()
	return s.MemoryStore.Release(ctx, key)
}

// TestAnsweredKeyNeverReleased: a request whose handler answered, but
// whose response the store failed to keep, leaves its key claimed: the
// next request with the key is told it is in progress, not run again (a
// second payment). The failure is logged and counted.
func TestAnsweredKeyNeverReleased(t *testing.T) {
	store := &completeFails{MemoryStore: NewMemoryStore(MemoryConfig{}), fails: 2}
	var logs bytes.Buffer
	var unstored []error
	h := &createPayment{}
	srv := mustNew(t, Config{
		Store:      store,
		Logger:     slog.New(slog.NewTextHandler(&logs, nil)),
		OnUnstored: func(r *http.Request, err error) { unstored = append(unstored, err) },
	}).Handler(h)
	q := req{key: "pay-1", body: `{"amount":"10.00"}`, auth: "ApiKey pk_1"}
	if w := do(srv, q); w.Code != http.StatusCreated {
		t.Fatalf("first: %d %s", w.Code, w.Body)
	}
	for range 3 {
		w := do(srv, q)
		if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), string(apierr.Nexpay.Code(apierr.InProgress).ID())) {
			t.Errorf("repeat of a key whose response was not stored: %d %s", w.Code, w.Body)
		}
		if w.Header().Get("Retry-After") != "1" {
			t.Errorf("repeat without Retry-After: %v", w.Header())
		}
	}
	if n := h.runs.Load(); n != 1 {
		t.Errorf("handler ran %d times; want 1", n)
	}
	if store.releases != 0 || store.completes != 2 {
		t.Errorf("%d completions and %d releases; want 2 completions (one retry) and no release", store.completes, store.releases)
	}
	if len(unstored) != 1 || !errors.Is(unstored[0], errStoreDown) {
		t.Errorf("OnUnstored calls: %v", unstored)
	}
	if out := logs.String(); !strings.Contains(out, "level=ERROR") || !strings.Contains(out, "response not stored") ||
		!strings.Contains(out, "idempotency_key=pay-1") || !strings.Contains(out, "store down") || strings.Contains(out, "pk_1") {
		t.Errorf("log record: %s", out)
	}
}

// TestCompleteRetried: a completion that fails once is tried again, and
// the response is replayed as usual.
func TestCompleteRetried(t *testing.T) {
	store := &completeFails{MemoryStore: NewMemoryStore(MemoryConfig{}), fails: 1}
	var unstored int
	h := &createPayment{}
	srv := mustNew(t, Config{Store: store, OnUnstored: func(*http.Request, error) { unstored++ }}).Handler(h)
	q := req{key: "pay-2", body: `{"amount":"10.00"}`}
	first := do(srv, q)
	w := do(srv, q)
	if w.Code != first.Code || w.Body.String() != first.Body.String() || w.Header().Get(ReplayHeader) != "true" {
		t.Errorf("repeat: %d %s; want the replay of %d %s", w.Code, w.Body, first.Code, first.Body)
	}
	if n := h.runs.Load(); n != 1 || unstored != 0 || store.releases != 0 {
		t.Errorf("handler ran %d times, %d unstored, %d releases", n, unstored, store.releases)
	}
}

// TestFailedKeyStillReleased: a 5xx (and a panic) still frees the key,
// whatever the store.
func TestFailedKeyStillReleased(t *testing.T) {
	store := &completeFails{MemoryStore: NewMemoryStore(MemoryConfig{}), fails: 100}
	h := &createPayment{status: http.StatusBadGateway}
	srv := mustNew(t, Config{Store: store}).Handler(h)
	q := req{key: "pay-3", body: `{}`}
	do(srv, q)
	do(srv, q)
	if n := h.runs.Load(); n != 2 || store.releases != 2 || store.completes != 0 {
		t.Errorf("5xx: handler ran %d times, %d releases, %d completions", n, store.releases, store.completes)
	}
}
