package redisstore_test

import (
	"crypto/sha512"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/auth/noncetest"
	"github.com/errkit/errkit/internal/redistest"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/redisstore"
	"github.com/redis/go-redis/v9"
)

func newNonces(t *testing.T, rdb redis.UniversalClient, cfg redisstore.NoncesConfig) *redisstore.Nonces {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = testTimeout // the tests that are about it set their own
	}
	n, err := redisstore.NewNonces(rdb, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// The store keeps the nonce rule alone and across replicas, each replica
// with a client of its own over one redis-server.
func TestNonces(t *testing.T) {
	srv := redistest.Start(t)
	noncetest.Run(t, func(t *testing.T, prefix string) auth.NonceStore {
		return newNonces(t, srv.Client(), redisstore.NoncesConfig{Options: redisstore.Options{Prefix: prefix + ":"}})
	})
	if n, err := srv.Do("EXISTS", "seq:nonce:a"); err != nil || n != ":1" {
		t.Errorf("the record of key a is not at <Prefix>nonce:a: %q %v", n, err)
	}
}

// A Redis slower than Options.Timeout fails the call within it, and the
// failure is reported once; the next call after Redis answers again
// succeeds.
func TestNoncesTimeout(t *testing.T) {
	srv := redistest.Start(t)
	var errs []string
	n := newNonces(t, srv.Client(), redisstore.NoncesConfig{Options: redisstore.Options{Timeout: 100 * time.Millisecond,
		OnError: func(op string, err error) { errs = append(errs, op) }}})
	srv.Sleep(time.Second)
	start := time.Now()
	if _, err := n.Advance(t.Context(), "k", 1); err == nil {
		t.Fatal("a sleeping Redis accepted the nonce")
	}
	if d := time.Since(start); d > 900*time.Millisecond {
		t.Errorf("the call took %v, beyond the timeout", d)
	}
	if len(errs) != 1 || errs[0] != "advance" {
		t.Errorf("OnError calls %q", errs)
	}
	time.Sleep(time.Second)
	if ok, err := n.Advance(t.Context(), "k", 1); !ok || err != nil {
		t.Errorf("Redis awake: %v %v", ok, err)
	}
}

func TestNoncesNeedDeadlines(t *testing.T) {
	srv := redistest.Start(t)
	c := redis.NewClient(&redis.Options{Addr: srv.Addr})
	defer c.Close()
	if _, err := redisstore.NewNonces(c, redisstore.NoncesConfig{}); err == nil {
		t.Error("a client without ContextTimeoutEnabled accepted")
	}
	if _, err := redisstore.NewNonces(nil, redisstore.NoncesConfig{}); err == nil {
		t.Error("a nil client accepted")
	}
}

// signedReplica is one server of a fleet: the middleware in the legacy contract
// and a verifier of its own, whose nonces are in the shared Redis.
func signedReplica(t *testing.T, nonces auth.NonceStore) *httptest.Server {
	v, err := auth.New(auth.Config{Headers: auth.NonceHeaders(), Hash: sha512.New, Nonces: nonces,
		Lookup: auth.StaticKeys(map[string]string{"pk_1": "sk_1"})})
	if err != nil {
		t.Fatal(err)
	}
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.Copy(w, r.Body) })
	h := middleware.Wrap(v.Handler(echo), middleware.WithContract(nexpaylegacy.Contract), middleware.WithLogger(slog.New(slog.DiscardHandler)))
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

func sendSigned(t *testing.T, s *httptest.Server, nonce uint64) (int, string) {
	n := strconv.FormatUint(nonce, 10)
	const body = `{"amount":"5.00"}`
	r, err := http.NewRequest("POST", s.URL+"/api/v1/payments", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("X-API-KEY", "pk_1")
	r.Header.Set("X-NONCE", n)
	r.Header.Set("X-Signature", auth.Sign(sha512.New, []byte("sk_1"), []byte(n+"POST/api/v1/payments"+body)))
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil && !errors.Is(err, io.EOF) {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// Two replicas behind one Redis, through real servers: a nonce one
// accepted, the other refuses; requests sent at once to both with
// increasing nonces are each served at most once; while Redis is down the
// requests are refused in the contract (Nexpay legacy's 90503, which its
// status list folds into 500), and when it is back the
// replicas serve again.
func TestNoncesReplicas(t *testing.T) {
	srv := redistest.Start(t)
	a := signedReplica(t, newNonces(t, srv.Client(), redisstore.NoncesConfig{}))
	b := signedReplica(t, newNonces(t, srv.Client(), redisstore.NoncesConfig{}))
	const notMonotonous = `{"errors":[{"code":50,"message":"Nonce is not monotonous"}]`

	if status, got := sendSigned(t, a, 10); status != 200 {
		t.Fatalf("a, nonce 10: %d %s", status, got)
	}
	for _, n := range []uint64{10, 9} {
		if status, got := sendSigned(t, b, n); status != 403 || !strings.HasPrefix(got, notMonotonous) {
			t.Errorf("b, nonce %d after a took 10: %d %s", n, status, got)
		}
	}
	replicas := []*httptest.Server{a, b}
	_, max := noncetest.Concurrent(t, func(worker int, n uint64) bool {
		status, got := sendSigned(t, replicas[worker%2], n)
		if status != 200 && (status != 403 || !strings.HasPrefix(got, notMonotonous)) {
			t.Errorf("nonce %d: %d %s", n, status, got)
		}
		return status == 200
	})
	for _, s := range replicas {
		if status, _ := sendSigned(t, s, max); status != 403 {
			t.Errorf("the largest nonce served, again: %d", status)
		}
	}

	srv.Kill()
	for _, s := range replicas {
		if status, got := sendSigned(t, s, max+1); status != 500 || !strings.HasPrefix(got, `{"errors":[{"code":90503,"message":"Service unavailable"}]`) {
			t.Errorf("Redis down: %d %s", status, got)
		}
	}
	srv.Restart()
	deadline := time.Now().Add(5 * time.Second)
	status, got := sendSigned(t, b, max+1)
	for status != 200 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		status, got = sendSigned(t, b, max+1)
	}
	if status != 200 {
		t.Errorf("Redis back: %d %s", status, got)
	}
	if status, _ := sendSigned(t, a, max+1); status != 403 {
		t.Errorf("Redis back, replayed on the other replica: %d", status)
	}
}
