// Package doorcheck holds every door of the idempotency middleware to one
// rule: its failures leave in the contract of the errkit set around it,
// whatever Config.Contract says, and a Config.Contract of another
// contract is reported as a misconfiguration.
package doorcheck

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/idempotency"
)

// A Server returns a door's handler: the door's set, configured by opts,
// around POST /v2/payments behind the door's idempotency middleware for
// cfg, the route answering 201.
type Server func(t *testing.T, cfg idempotency.Config, opts ...middleware.Option) http.Handler

// Run checks the door newServer builds, its set in Cryptopay: with no
// Contract in the Config (a Preset of nil), and with NextAPI's, a key
// reused with another body is Cryptopay's code for the condition; the
// second is logged at warning level as misconfigured and passed to the
// metrics hook so. Both report the code and status the client received.
func Run(t *testing.T, newServer Server) {
	for _, tc := range []struct {
		name     string
		contract apierr.Contract
	}{{"no contract", nil}, {"another contract", nextapi.Contract}} {
		t.Run(tc.name, func(t *testing.T) {
			var log bytes.Buffer
			var mu sync.Mutex
			var misconfigured []string
			var reported []middleware.Failure
			cfg := idempotency.Preset(tc.contract)
			if tc.contract == nil && cfg.Contract != nil {
				t.Fatalf("Preset(nil) has contract %v", cfg.Contract)
			}
			h := newServer(t, cfg, middleware.WithContract(cryptopay.Contract),
				middleware.WithLogger(slog.New(slog.NewJSONHandler(&lockedWriter{w: &log, mu: &mu}, nil))),
				middleware.WithMetrics(func(f middleware.Failure) {
					mu.Lock()
					misconfigured = append(misconfigured, f.Misconfigured)
					reported = append(reported, f)
					mu.Unlock()
				}))
			header := cfg.Header
			if header == "" {
				header = idempotency.DefaultHeader
			}
			send := func(body string) *httptest.ResponseRecorder {
				r := httptest.NewRequest(http.MethodPost, "/v2/payments", strings.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				r.Header.Set(header, "order-1")
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				return w
			}
			if w := send(`{"amount":"1.00"}`); w.Code != http.StatusCreated {
				t.Fatalf("first: %d %s", w.Code, w.Body)
			}
			w := send(`{"amount":"2.00"}`)
			want := cryptopay.Contract.Code(apierr.IdempotencyMismatch)
			e, err := cryptopay.Contract.Parse(w.Code, w.Body.Bytes())
			if err != nil || e.Code() != want || w.Code != want.Status() || !strings.Contains(w.Body.String(), `"meta":{"request_id":"`) {
				t.Fatalf("reused key: %d %s, want Cryptopay's %s (%v)", w.Code, w.Body, want.ID(), err)
			}
			mu.Lock()
			defer mu.Unlock()
			logged := log.String()
			if len(misconfigured) != 1 {
				t.Fatalf("metrics saw %d failures", len(misconfigured))
			}
			// The log and the metrics say what the client received.
			if f := reported[0]; f.Code != want.ID() || f.Status != want.Status() || !strings.Contains(logged, `"code":"`+want.ID()+`","status":`+strconv.Itoa(want.Status())) {
				t.Errorf("reported %s %d, answered %s %d\n%s", f.Code, f.Status, want.ID(), want.Status(), logged)
			}
			if tc.contract == nil {
				if misconfigured[0] != "" || strings.Contains(logged, "misconfigured") {
					t.Errorf("reported as misconfigured: %q\n%s", misconfigured[0], logged)
				}
				return
			}
			if misconfigured[0] == "" || !strings.Contains(logged, `"level":"WARN"`) || !strings.Contains(logged, `"misconfigured":"a idempotency_mismatch`) {
				t.Errorf("the misconfiguration is not reported: %q\n%s", misconfigured[0], logged)
			}
		})
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
