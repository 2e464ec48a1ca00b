//go:build unix

package auth_test

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/apierr/payout"
	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/middleware"
)

const benchBody = `{"external_id":"ord_8f3a2c","amount":"5000.00","currency":"EUR","card_number":"4111111111111111","callback_url":"https://shop.example.com/cb"}`

// payoutHandler is the handler the verifier protects: it decodes a payout
// and answers it, as a create route does before it reaches a database.
func payoutHandler(w http.ResponseWriter, r *http.Request) {
	var p struct {
		ExternalID  string `json:"external_id"`
		Amount      string `json:"amount"`
		Currency    string `json:"currency"`
		CardNumber  string `json:"card_number"`
		CallbackURL string `json:"callback_url"`
	}
	if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
		middleware.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]string{"external_id": p.ExternalID, "status": "pending", "amount": p.Amount})
}

// BenchmarkVerify is the cost of verification per request, to set against
// the handler it protects: Handler is the handler alone behind the
// middleware, Payout adds the Payout scheme (HMAC-SHA256 of timestamp +
// body), Legacy the Nexpay legacy one (HMAC-SHA512 of nonce + method + URI
// + body, and the nonce checked and recorded in memory). Requests are
// served in process, so that the network does not hide the difference;
// signing, the client's work, is done before the timer starts. cpu-ns/op
// is the process's CPU time (user and system, GC included) per request:
// on a busy machine it is steadier than the wall clock's ns/op.
func BenchmarkVerify(b *testing.B) {
	quiet := middleware.WithLogger(slog.New(slog.DiscardHandler))
	clock := func() time.Time { return now }
	keys := auth.StaticKeys(map[string]string{"pk_live": secret})
	ts := strconv.FormatInt(now.Unix(), 10)
	serve := func(b *testing.B, h http.Handler, header func(i int, r *http.Request)) {
		w := new(sink)
		b.ReportAllocs()
		start := cpuNanos(b)
		b.ResetTimer()
		for i := range b.N {
			r := httptest.NewRequest("POST", "/v1/payouts", strings.NewReader(benchBody))
			header(i, r)
			w.reset()
			h.ServeHTTP(w, r)
			if w.code != http.StatusCreated {
				b.Fatalf("%d %s", w.code, w.body)
			}
		}
		b.StopTimer()
		b.ReportMetric(float64(cpuNanos(b)-start)/float64(b.N), "cpu-ns/op")
	}
	b.Run("Handler", func(b *testing.B) {
		h := middleware.Wrap(http.HandlerFunc(payoutHandler), quiet)
		serve(b, h, func(int, *http.Request) {})
	})
	b.Run("Payout", func(b *testing.B) {
		v, err := auth.New(auth.Config{Lookup: keys, Canonical: auth.TimestampBody, Now: clock})
		if err != nil {
			b.Fatal(err)
		}
		h := middleware.Wrap(v.Handler(http.HandlerFunc(payoutHandler)), quiet, middleware.WithContract(payout.Contract))
		sig := auth.Sign(sha256.New, []byte(secret), []byte(ts+benchBody))
		serve(b, h, func(_ int, r *http.Request) {
			r.Header["X-Api-Key"] = []string{"pk_live"}
			r.Header["X-Timestamp"] = []string{ts}
			r.Header["X-Signature"] = []string{sig}
		})
	})
	b.Run("Legacy", func(b *testing.B) {
		v, err := auth.New(auth.Config{Headers: auth.NonceHeaders(), Lookup: keys, Hash: sha512.New, Nonces: new(auth.MemoryNonces)})
		if err != nil {
			b.Fatal(err)
		}
		h := middleware.Wrap(v.Handler(http.HandlerFunc(payoutHandler)), quiet, middleware.WithContract(nexpaylegacy.Contract))
		nonces, sigs := make([]string, b.N), make([]string, b.N)
		for i := range b.N {
			nonces[i] = strconv.Itoa(i + 1)
			sigs[i] = auth.Sign(sha512.New, []byte(secret), []byte(nonces[i]+"POST/v1/payouts"+benchBody))
		}
		serve(b, h, func(i int, r *http.Request) {
			r.Header["X-Api-Key"] = []string{"pk_live"}
			r.Header["X-Nonce"] = []string{nonces[i]}
			r.Header["X-Signature"] = []string{sigs[i]}
		})
	})
}

// sink is a ResponseWriter a benchmark reuses: it keeps the status and the
// start of the body, for the check that each request was served.
type sink struct {
	h    http.Header
	code int
	body []byte
}

func (s *sink) Header() http.Header {
	if s.h == nil {
		s.h = http.Header{}
	}
	return s.h
}

func (s *sink) WriteHeader(code int) {
	if s.code == 0 {
		s.code = code
	}
}

func (s *sink) Write(p []byte) (int, error) {
	if s.code == 0 {
		s.code = http.StatusOK
	}
	s.body = append(s.body[:0], p[:min(len(p), 256)]...)
	return len(p), nil
}

func (s *sink) reset() {
	clear(s.h)
	s.code, s.body = 0, s.body[:0]
}

// cpuNanos returns the CPU time the process has used, in nanoseconds.
func cpuNanos(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
