package redisnonce_test

import (
	"crypto/sha512"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/auth/noncetest"
	"github.com/errkit/errkit/auth/redisnonce"
	"github.com/errkit/errkit/middleware"
	"github.com/redis/go-redis/v9"
)

// The store keeps the rule alone and across replicas: each replica has a
// client of its own over one redis-server.
func TestStore(t *testing.T) {
	srv := startRedis(t)
	noncetest.Run(t, func(t *testing.T, prefix string) auth.NonceStore {
		return redisnonce.New(srv.client(t), "nonce:"+prefix+":")
	})
}

// replica is one server of a fleet: the middleware in the legacy contract,
// a verifier of its own whose nonces are in the shared Redis.
func replica(t *testing.T, store auth.NonceStore) *httptest.Server {
	v, err := auth.New(auth.Config{Headers: auth.NonceHeaders(), Hash: sha512.New, Nonces: store,
		Lookup: auth.StaticKeys(map[string]string{"pk_1": "sk_1"})})
	if err != nil {
		t.Fatal(err)
	}
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.Copy(w, r.Body) })
	h := middleware.Wrap(v.Handler(ok), middleware.WithContract(nexpaylegacy.Contract), middleware.WithLogger(slog.New(slog.DiscardHandler)))
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

func send(t *testing.T, s *httptest.Server, nonce uint64) (int, string) {
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
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// Two replicas behind one Redis: a nonce one accepted, the other refuses;
// requests sent at once to both with increasing nonces are each served at
// most once; when Redis dies the request is refused in the contract (503),
// and when it comes back the replicas serve again.
func TestReplicas(t *testing.T) {
	rs := startRedis(t)
	a := replica(t, redisnonce.New(rs.client(t), "nonce:"))
	b := replica(t, redisnonce.New(rs.client(t), "nonce:"))

	if status, got := send(t, a, 10); status != 200 {
		t.Fatalf("a, nonce 10: %d %s", status, got)
	}
	for _, n := range []uint64{10, 9} {
		if status, got := send(t, b, n); status != 403 || !strings.HasPrefix(got, `{"errors":[{"code":50,"message":"Nonce is not monotonous"}]`) {
			t.Errorf("b, nonce %d after a took 10: %d %s", n, status, got)
		}
	}
	replicas := []*httptest.Server{a, b}
	_, max := noncetest.Concurrent(t, func(worker int, n uint64) bool {
		status, got := send(t, replicas[worker%2], n)
		if status != 200 && (status != 403 || !strings.Contains(got, `"code":50,`)) {
			t.Errorf("nonce %d: %d %s", n, status, got)
		}
		return status == 200
	})
	for _, s := range replicas {
		if status, _ := send(t, s, max); status != 403 {
			t.Errorf("the largest nonce served, again: %d", status)
		}
	}

	rs.kill()
	for _, s := range replicas {
		status, got := send(t, s, max+1)
		if status != 503 || !strings.HasPrefix(got, `{"errors":[{"code":90503,"message":"Service unavailable"}]`) {
			t.Errorf("Redis down: %d %s", status, got)
		}
	}
	rs.restart()
	if status, got := send(t, b, max+1); status != 200 {
		t.Errorf("Redis back: %d %s", status, got)
	}
	if status, _ := send(t, a, max+1); status != 403 {
		t.Errorf("Redis back, replayed on the other replica: %d", status)
	}
}

func ExampleNew() {
	client := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	v, err := auth.New(auth.Config{
		Headers: auth.NonceHeaders(),
		Hash:    sha512.New,
		Lookup:  auth.StaticKeys(map[string]string{"pk_1": "sk_1"}),
		Nonces:  redisnonce.New(client, "nonce:"),
	})
	if err != nil {
		panic(err)
	}
	_ = v // v.Handler(api), inside middleware.Wrap, on every replica
}
