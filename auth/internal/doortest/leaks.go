package doortest

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
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
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/apierr/kit"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/apierr/payout"
	"github.com/errkit/errkit/apierr/problem"
	"github.com/errkit/errkit/auth"
)

// A LoggedServer is a [NewServer] whose middleware set logs to log.
type LoggedServer func(t *testing.T, c apierr.Contract, checker auth.Checker, log *slog.Logger) http.Handler

// The secrets of the leak check: distinctive, so that finding one in a log
// record or a body cannot be chance.
const (
	leakSecret  = "sk_leak_9c1e77ab40d2"
	leakForgery = "sk_forged_51d0e3a8c6"
)

// Leaks sends a request meeting every [apierr.AuthFailure], signed and
// Basic, to the door newServer builds, in each contract, with a logger
// that captures every record whole (message and attributes, groups and
// the logger's own attributes). No secret, signature or nonce the requests
// carried may appear in a record or a body; every failure must have been
// met and logged.
func Leaks(t *testing.T, newServer LoggedServer) {
	for _, c := range []apierr.Contract{apierr.Nexpay, problem.Contract, nexpaylegacy.Contract, payout.Contract, nextapi.Contract, cryptopay.Contract} {
		t.Run(c.Name(), func(t *testing.T) {
			rec := &recorder{}
			log := slog.New(&captureHandler{rec: rec})
			signed, basic := leakCheckers(t)
			var sent, bodies []string
			met := map[apierr.AuthFailure]bool{}
			send := func(h http.Handler, q leakRequest) {
				s := httptest.NewServer(h)
				defer s.Close()
				r, err := http.NewRequest("POST", s.URL+"/v1/payouts", strings.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				for k, v := range q.header {
					r.Header.Set(k, v)
				}
				sent = append(sent, q.sensitive...)
				resp, err := http.DefaultClient.Do(r)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				bodies = append(bodies, string(b))
				want := http.StatusCreated
				if q.want != 0 {
					want = kit.AuthCode(c, q.want).Status()
					met[q.want] = true
				}
				if resp.StatusCode != want {
					t.Errorf("%s: %d %s, want %d", q.name, resp.StatusCode, b, want)
				}
			}
			hs := newServer(t, c, signed, log)
			for _, q := range signedLeakRequests() {
				send(hs, q)
			}
			hb := newServer(t, c, basic, log)
			for _, q := range basicLeakRequests() {
				send(hb, q)
			}
			for _, f := range kit.AuthFailures() {
				if !met[f] {
					t.Errorf("no request met %s", f)
				}
			}
			records := rec.all()
			failures := 0
			for _, r := range records {
				if strings.Contains(r, "request failed") {
					failures++
				}
			}
			if failures == 0 {
				t.Fatalf("no failure was logged: %q", records)
			}
			for _, s := range sent {
				for _, r := range records {
					if strings.Contains(r, s) {
						t.Errorf("a log record holds %q: %s", s, r)
					}
				}
				for _, b := range bodies {
					if strings.Contains(b, s) {
						t.Errorf("a body holds %q: %s", s, b)
					}
				}
			}
		})
	}
}

// leakCheckers returns a verifier with a nonce and a timestamp, so that
// every signed failure can be met, and Basic, over one key table holding a
// key in each state and one without permission.
func leakCheckers(t *testing.T) (auth.Checker, auth.Checker) {
	keys := map[string]auth.Key{
		"pk_live":       {Secret: []byte(leakSecret)},
		"pk_disabled":   {Secret: []byte(leakSecret), State: auth.Disabled},
		"pk_locked":     {Secret: []byte(leakSecret), State: auth.Locked},
		"pk_revoked":    {Secret: []byte(leakSecret), State: auth.Revoked},
		"pk_deprecated": {Secret: []byte(leakSecret), State: auth.Deprecated},
		"pk_gone":       {Secret: []byte(leakSecret), State: auth.ClientInvalid},
		"pk_read":       {Secret: []byte(leakSecret), Allows: auth.AllowOperations("GET /v1/payouts/*")},
	}
	lookup := func(_ context.Context, id string) (auth.Key, error) {
		if k, ok := keys[id]; ok {
			return k, nil
		}
		return auth.Key{}, auth.ErrUnknownKey
	}
	v, err := auth.New(auth.Config{
		Headers: auth.Headers{Key: "X-API-Key", Nonce: "X-Nonce", Timestamp: "X-Timestamp", Signature: "X-Signature"},
		Lookup:  lookup,
		Nonces:  new(auth.MemoryNonces),
	})
	if err != nil {
		t.Fatal(err)
	}
	return v, auth.Basic{Lookup: lookup}
}

// A leakRequest is one request of the leak check: its headers, the values
// among them that must not leak, and the failure it meets (0: success).
type leakRequest struct {
	name      string
	header    map[string]string
	sensitive []string
	want      apierr.AuthFailure
}

func signedLeakRequests() []leakRequest {
	nonce := uint64(7364519283746001)
	now := time.Now().Unix()
	sign := func(key, secret string, n uint64, ts int64) leakRequest {
		nt, tt := strconv.FormatUint(n, 10), strconv.FormatInt(ts, 10)
		m := auth.Message{Method: "POST", URI: "/v1/payouts", Key: key, Nonce: nt, Timestamp: tt, Body: []byte(body)}
		sig := auth.Sign(sha256.New, []byte(secret), auth.DefaultCanonical(nil, &m))
		return leakRequest{
			header:    map[string]string{"X-API-Key": key, "X-Nonce": nt, "X-Timestamp": tt, "X-Signature": sig},
			sensitive: []string{leakSecret, leakForgery, sig, nt},
		}
	}
	q := func(name string, want apierr.AuthFailure, key, secret string, ts int64, mod func(h map[string]string)) leakRequest {
		nonce++
		r := sign(key, secret, nonce, ts)
		r.name, r.want = name, want
		if mod != nil {
			mod(r.header)
			for _, k := range []string{"X-Nonce", "X-Signature"} {
				if v := r.header[k]; v != "" {
					r.sensitive = append(r.sensitive, v)
				}
			}
		}
		return r
	}
	drop := func(name string) func(map[string]string) { return func(h map[string]string) { delete(h, name) } }
	set := func(name, v string) func(map[string]string) { return func(h map[string]string) { h[name] = v } }
	first := q("success", 0, "pk_live", leakSecret, now, nil)
	replay := first
	replay.name, replay.want = "nonce replayed", apierr.AuthNonceReused
	return []leakRequest{
		first,
		q("no key", apierr.AuthKeyMissing, "pk_live", leakSecret, now, drop("X-API-Key")),
		q("no nonce", apierr.AuthNonceMissing, "pk_live", leakSecret, now, drop("X-Nonce")),
		q("no timestamp", apierr.AuthTimestampMissing, "pk_live", leakSecret, now, drop("X-Timestamp")),
		q("no signature", apierr.AuthSignatureMissing, "pk_live", leakSecret, now, drop("X-Signature")),
		q("unknown key", apierr.AuthKeyInvalid, "pk_unknown", leakSecret, now, nil),
		q("nonce not a number", apierr.AuthNonceInvalid, "pk_live", leakSecret, now, set("X-Nonce", "7364519283746abc")),
		q("timestamp not seconds", apierr.AuthTimestampInvalid, "pk_live", leakSecret, now, set("X-Timestamp", "2026-01-01T00:00:00Z")),
		q("stale timestamp", apierr.AuthTimestampExpired, "pk_live", leakSecret, now-3600, nil),
		q("forged signature", apierr.AuthSignatureInvalid, "pk_live", leakForgery, now, nil),
		q("signature not hex", apierr.AuthSignatureInvalid, "pk_live", leakSecret, now, set("X-Signature", strings.Repeat("zq", 32))),
		q("key disabled", apierr.AuthKeyDisabled, "pk_disabled", leakSecret, now, nil),
		q("key locked", apierr.AuthKeyLocked, "pk_locked", leakSecret, now, nil),
		q("key deleted", apierr.AuthKeyRevoked, "pk_revoked", leakSecret, now, nil),
		q("key deprecated", apierr.AuthKeyDeprecated, "pk_deprecated", leakSecret, now, nil),
		q("client closed", apierr.AuthClientInvalid, "pk_gone", leakSecret, now, nil),
		q("no permission", apierr.AuthForbidden, "pk_read", leakSecret, now, nil),
		replay,
	}
}

func basicLeakRequests() []leakRequest {
	b := func(name string, want apierr.AuthFailure, value string) leakRequest {
		q := leakRequest{name: name, want: want, header: map[string]string{}, sensitive: []string{leakSecret, leakForgery}}
		if value != "" {
			q.header["Authorization"] = value
			q.sensitive = append(q.sensitive, strings.TrimPrefix(value, "Basic "))
		}
		return q
	}
	enc := func(s string) string { return "Basic " + base64.StdEncoding.EncodeToString([]byte(s)) }
	return []leakRequest{
		b("basic", 0, enc("pk_live:"+leakSecret)),
		b("basic, no credentials", apierr.AuthKeyMissing, ""),
		b("basic, bearer token", apierr.AuthCredentialsMalformed, "Bearer "+leakSecret),
		b("basic, wrong secret", apierr.AuthSecretInvalid, enc("pk_live:"+leakForgery)),
		b("basic, no permission", apierr.AuthForbidden, enc("pk_read:"+leakSecret)),
	}
}

// A recorder keeps every log record, formatted whole.
type recorder struct {
	mu   sync.Mutex
	recs []string
}

func (r *recorder) add(s string) {
	r.mu.Lock()
	r.recs = append(r.recs, s)
	r.mu.Unlock()
}

func (r *recorder) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.recs...)
}

// captureHandler is a slog.Handler that formats every record at every
// level: its message, the logger's attributes and the record's, values
// resolved, errors with their whole chain.
type captureHandler struct {
	rec    *recorder
	prefix string // the attributes and groups of With and WithGroup
}

func (h *captureHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h *captureHandler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Level.String() + " " + r.Message + " " + h.prefix)
	r.Attrs(func(a slog.Attr) bool {
		appendAttr(&b, a)
		return true
	})
	h.rec.add(b.String())
	return nil
}

func (h *captureHandler) WithAttrs(as []slog.Attr) slog.Handler {
	var b strings.Builder
	b.WriteString(h.prefix)
	for _, a := range as {
		appendAttr(&b, a)
	}
	return &captureHandler{rec: h.rec, prefix: b.String()}
}

func (h *captureHandler) WithGroup(name string) slog.Handler {
	return &captureHandler{rec: h.rec, prefix: h.prefix + name + "."}
}

func appendAttr(b *strings.Builder, a slog.Attr) {
	v := a.Value.Resolve()
	if v.Kind() == slog.KindGroup {
		for _, g := range v.Group() {
			b.WriteString(a.Key + ".")
			appendAttr(b, g)
		}
		return
	}
	fmt.Fprintf(b, "%s=%+v ", a.Key, v.Any())
	if err, ok := v.Any().(error); ok {
		for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
			fmt.Fprintf(b, "cause=%+v ", e)
		}
	}
}
