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

// The Payout and Cryptopay presets read their key from the body member
// alone: a repeated external_id or custom_id sent with an Idempotency-Key
// header of the client's choosing (or one in the query) is still a repeat,
// and a header without the member protects nothing.
func TestPresetBodyKeyOnly(t *testing.T) {
	for _, tc := range []struct {
		c      apierr.Contract
		field  string
		repeat int
	}{
		{payout.Contract, "external_id", 200},
		{cryptopay.Contract, "custom_id", 409},
	} {
		t.Run(tc.c.Name(), func(t *testing.T) {
			cfg := Preset(tc.c)
			if !cfg.BodyKeyOnly || cfg.BodyKey != tc.field {
				t.Fatalf("preset %+v", cfg)
			}
			var runs atomic.Int32
			srv := middleware.Wrap(mustNew(t, cfg).Handler(middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				runs.Add(1)
				w.WriteHeader(http.StatusCreated)
				return nil
			})), middleware.WithContract(tc.c))
			send := func(target, header, body string) int {
				r := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				if header != "" {
					r.Header.Set(DefaultHeader, header)
				}
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, r)
				return w.Code
			}
			body := `{"amount":"1.00","` + tc.field + `":"k-1"}`
			if code := send("/create", "h-1", body); code != 201 {
				t.Fatalf("first: %d", code)
			}
			if code := send("/create", "h-2", body); code != tc.repeat {
				t.Errorf("repeat under another header: %d, want %d", code, tc.repeat)
			}
			// Another target is another request (422 for the Payout
			// API), never a new create.
			if code := send("/create?"+tc.field+"=k-2&Idempotency-Key=k-3", "", body); code < 400 && code != tc.repeat {
				t.Errorf("repeat with a key in the query: %d", code)
			}
			if n := runs.Load(); n != 1 {
				t.Errorf("the create ran %d times", n)
			}
			// A header and no member: not a keyed request, both run.
			send("/create", "h-9", `{"amount":"1.00"}`)
			send("/create", "h-9", `{"amount":"1.00"}`)
			if n := runs.Load(); n != 3 {
				t.Errorf("the header was read as a key: %d runs", n)
			}
		})
	}
	if _, err := New(Config{BodyKeyOnly: true}); err == nil {
		t.Error("BodyKeyOnly without BodyKey accepted")
	}
}
