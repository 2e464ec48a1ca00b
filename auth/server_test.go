package auth_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"hash"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/middleware"
)

const (
	secret      = "sk_test_0f9e8d7c6b5a"
	otherSecret = "sk_test_attacker"
)

// keys is the test application's key table: one active key and one per
// refused state, all with the same secret.
var keys = map[string]auth.Key{
	"pk_live":        {Secret: []byte(secret)},
	"pk_disabled":    {Secret: []byte(secret), State: auth.Disabled},
	"pk_locked":      {Secret: []byte(secret), State: auth.Locked},
	"pk_revoked":     {Secret: []byte(secret), State: auth.Revoked},
	"pk_deprecated":  {Secret: []byte(secret), State: auth.Deprecated},
	"pk_client_gone": {Secret: []byte(secret), State: auth.ClientInvalid},
	// A key allowed to read payouts, not to create them.
	"pk_read_only": {Secret: []byte(secret), Allows: auth.AllowOperations("GET /v1/payouts/*")},
}

func lookup(_ context.Context, id string) (auth.Key, error) {
	if k, ok := keys[id]; ok {
		return k, nil
	}
	return auth.Key{}, auth.ErrUnknownKey
}

// A scheme is one contract's way to sign, as the sandbox serves it.
type scheme struct {
	headers   auth.Headers
	hash      func() hash.Hash
	canonical auth.Canonical
	uri       bool // the signature covers the method and URI
	basic     bool
}

var (
	legacyScheme = scheme{headers: auth.NonceHeaders(), hash: sha512.New, canonical: auth.DefaultCanonical, uri: true}
	payoutScheme = scheme{headers: auth.TimestampHeaders(), hash: sha256.New, canonical: auth.TimestampBody}
	tsScheme     = scheme{headers: auth.TimestampHeaders(), hash: sha256.New, canonical: auth.DefaultCanonical, uri: true}
	basicScheme  = scheme{basic: true}
)

// now is the server's clock in these tests.
var now = time.Unix(1767225600, 0)

// server is a real HTTP server: the middleware in contract c, the
// verifier of s, and a handler that echoes the body and the key. The log
// records go to logs.
type server struct {
	*httptest.Server
	s      scheme
	logs   *bytes.Buffer
	nonces auth.NonceStore

	mu     sync.Mutex
	sent   []string // the secrets, signatures and nonces sent
	bodies []string // the error bodies received
}

// record keeps what must never come back, and an error body.
func (s *server) record(status int, body string, secrets ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range secrets {
		if len(v) >= 6 { // shorter values ("0", "-5") occur in any text
			s.sent = append(s.sent, v)
		}
	}
	if status != http.StatusOK {
		s.bodies = append(s.bodies, body)
	}
}

func newServer(t testing.TB, c apierr.Contract, s scheme, nonces auth.NonceStore) *server {
	t.Helper()
	var checker auth.Checker = auth.Basic{Lookup: lookup}
	if !s.basic {
		if nonces == nil {
			nonces = new(auth.MemoryNonces)
		}
		v, err := auth.New(auth.Config{Headers: s.headers, Lookup: lookup, Hash: s.hash, Canonical: s.canonical,
			Nonces: nonces, MaxBody: 1 << 10, Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		checker = v
	}
	logs := new(bytes.Buffer)
	log := slog.New(slog.NewJSONHandler(&lockedWriter{w: logs}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("handler read: %v", err)
		}
		w.Header().Set("X-Key", auth.KeyFrom(r.Context()))
		w.Write(body)
	})
	srv := httptest.NewServer(middleware.Wrap(auth.Middleware(checker)(h), middleware.WithContract(c), middleware.WithLogger(log)))
	t.Cleanup(srv.Close)
	return &server{Server: srv, s: s, logs: logs, nonces: nonces}
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// A req is one request a test sends; sign fills its signature unless
// the case sets one.
type req struct {
	method, path, body string
	key, nonce, ts     string
	sig                string
	signWith           string // secret to sign with; "" = the key's
	signedBody         *string
	signedPath         string
	drop               string // header to leave out
	auth               string // Authorization header, for Basic
}

func (s *server) send(t testing.TB, q req) (int, string) {
	t.Helper()
	if q.method == "" {
		q.method = http.MethodPost
	}
	if q.path == "" {
		q.path = "/v1/payouts?shop=7"
	}
	r, err := http.NewRequest(q.method, s.URL+q.path, strings.NewReader(q.body))
	if err != nil {
		t.Fatal(err)
	}
	if s.s.basic {
		if q.auth != "" {
			r.Header.Set("Authorization", q.auth)
		}
	} else {
		h := s.s.headers
		set := func(name, v string) {
			if name != "" && name != q.drop {
				r.Header.Set(name, v)
			}
		}
		if q.sig == "" {
			signed := q.body
			if q.signedBody != nil {
				signed = *q.signedBody
			}
			sec := q.signWith
			if sec == "" {
				sec = secret
			}
			m := auth.Message{Method: q.method, URI: q.path, Key: q.key, Body: []byte(signed)}
			if q.signedPath != "" {
				m.URI = q.signedPath
			}
			if h.Nonce != "" {
				m.Nonce = q.nonce
			}
			if h.Timestamp != "" {
				m.Timestamp = q.ts
			}
			q.sig = auth.Sign(s.s.hash, []byte(sec), s.s.canonical(nil, &m))
		}
		set(h.Key, q.key)
		set(h.Nonce, q.nonce)
		set(h.Timestamp, q.ts)
		set(h.Signature, q.sig)
	}
	sent := []string{secret, otherSecret, q.sig, q.nonce}
	if q.auth != "" {
		sent = append(sent, q.auth[min(len(q.auth), 6):])
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	s.record(resp.StatusCode, string(b), sent...)
	return resp.StatusCode, string(b)
}

func basicAuth(userpass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(userpass))
}

func ts(d time.Duration) string { return strconv.FormatInt(now.Add(d).Unix(), 10) }

func strp(s string) *string { return &s }
