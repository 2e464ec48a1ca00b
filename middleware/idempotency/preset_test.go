package idempotency

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/apierr/payout"
	"github.com/errkit/errkit/apierr/problem"
	"github.com/errkit/errkit/middleware"
)

// Each contract's preset reads the key where the contract's document puts
// it and answers a repeat as the document says, in one call.
func TestPreset(t *testing.T) {
	tests := []struct {
		c             apierr.Contract
		header, field string // where the key goes: a header, else a body member
		repeat        int    // the status of a repeat with the same body
		changed       int    // the status of a repeat with another body
		changedCode   apierr.Code
	}{
		{apierr.Nexpay, "Idempotency-Key", "", 201, 422, apierr.GEN9422},
		{problem.Contract, "Idempotency-Key", "", 201, 422, apierr.GEN9422},
		{nexpaylegacy.Contract, "Idempotency-Key", "", 201, 0, 0},
		{nextapi.Contract, "X-Idempotency-Key", "", 201, 409, nextapi.IdempotencyConflict},
		// Payout: external_id identifies a create; its repeat is 200
		// "already exists".
		{payout.Contract, "", "external_id", 200, 422, payout.ExternalIDConflict},
		// Cryptopay: a custom_id used before is 409, whatever the body.
		{cryptopay.Contract, "", "custom_id", 409, 409, cryptopay.Conflict},
	}
	for _, tc := range tests {
		t.Run(tc.c.Name(), func(t *testing.T) {
			cfg := Preset(tc.c)
			if cfg.Contract != tc.c {
				t.Errorf("contract %v", cfg.Contract)
			}
			m := mustNew(t, cfg)
			var runs atomic.Int32
			create := m.Handler(middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				runs.Add(1)
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusCreated)
				_, err := w.Write([]byte(`{"id":"p_1"}`))
				return err
			}))
			srv := middleware.Wrap(create, middleware.WithContract(tc.c))
			send := func(amount string) *httptest.ResponseRecorder {
				body := `{"amount":"` + amount + `"`
				if tc.field != "" {
					body += `,"` + tc.field + `":"k-1"`
				}
				r := httptest.NewRequest(http.MethodPost, "/v2/payments", strings.NewReader(body+"}"))
				r.Header.Set("Content-Type", "application/json")
				r.Header.Set("Authorization", "ApiKey pk_1")
				if tc.header != "" {
					r.Header.Set(tc.header, "k-1")
				}
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, r)
				return w
			}
			if w := send("1.00"); w.Code != 201 {
				t.Fatalf("first: %d %s", w.Code, w.Body)
			}
			w := send("1.00")
			if w.Code != tc.repeat {
				t.Errorf("repeat: %d %s, want %d", w.Code, w.Body, tc.repeat)
			}
			if tc.repeat < 300 && w.Body.String() != `{"id":"p_1"}` {
				t.Errorf("repeat replayed %s", w.Body)
			}
			if tc.changed != 0 {
				w = send("2.00")
				e, err := tc.c.Parse(w.Code, w.Body.Bytes())
				if w.Code != tc.changed || err != nil || e.ID() != tc.changedCode.ID() {
					t.Errorf("changed body: %d %s, want %d %s", w.Code, w.Body, tc.changed, tc.changedCode.ID())
				}
			}
			if n := runs.Load(); n != 1 {
				t.Errorf("the handler ran %d times", n)
			}
		})
	}
}

// With RefuseReuse, a key in flight is a 409 at once, even with Wait: the
// second request is refused, not replayed.
func TestRefuseReuseDoesNotWait(t *testing.T) {
	h := &blocking{started: make(chan struct{}), release: make(chan struct{})}
	cfg := Preset(cryptopay.Contract)
	cfg.Wait = time.Hour
	srv := middleware.Wrap(mustNew(t, cfg).Handler(h), middleware.WithContract(cryptopay.Contract))
	send := func() *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/api/invoices", strings.NewReader(`{"custom_id":"inv-1"}`))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		return w
	}
	first := make(chan *httptest.ResponseRecorder)
	go func() { first <- send() }()
	<-h.started
	w := send()
	close(h.release)
	if e, err := cryptopay.Contract.Parse(w.Code, w.Body.Bytes()); w.Code != 409 || err != nil || e.Code() != cryptopay.Conflict {
		t.Errorf("key in flight: %d %s", w.Code, w.Body)
	}
	if w := <-first; w.Code != 201 {
		t.Errorf("first: %d %s", w.Code, w.Body)
	}
}
