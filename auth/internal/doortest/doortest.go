// Package doortest checks a framework door of package auth through the
// framework's real router and a real server: signed requests in the
// legacy and Payout schemes and Basic credentials, each failure answered
// in the contract's own code, the handler given the body intact.
package doortest

import (
	"crypto/sha256"
	"crypto/sha512"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/apierr/payout"
	"github.com/errkit/errkit/auth"
)

// A NewServer returns a door's handler: the door's middleware set in
// contract c, and the door's auth middleware running checker in front of
// POST /v1/payouts, which answers 201 with the key, a space and the body
// it read.
type NewServer func(t *testing.T, c apierr.Contract, checker auth.Checker) http.Handler

const body = `{"amount":"5.00"}`

type request struct {
	name    string
	header  map[string]string
	body    string
	status  int
	want    string // the whole answer, or its start when prefix
	prefix  bool
	basic   [2]string
	noBasic bool
}

// Run runs the checks against the door newServer builds.
func Run(t *testing.T, newServer NewServer) {
	keys := auth.StaticKeys(map[string]string{"pk_1": "sk_1"})
	t.Run("legacy", func(t *testing.T) {
		v, err := auth.New(auth.Config{Headers: auth.NonceHeaders(), Hash: sha512.New, Lookup: keys, Nonces: new(auth.MemoryNonces)})
		if err != nil {
			t.Fatal(err)
		}
		sign := func(nonce, signed string) map[string]string {
			return map[string]string{"X-API-KEY": "pk_1", "X-NONCE": nonce,
				"X-Signature": auth.Sign(sha512.New, []byte("sk_1"), []byte(nonce+"POST/v1/payouts"+signed))}
		}
		legacy := func(code int, msg string) string {
			return `{"errors":[{"code":` + strconv.Itoa(code) + `,"message":"` + msg + `"}]`
		}
		noNonce := sign("5", body)
		delete(noNonce, "X-NONCE")
		run(t, newServer(t, nexpaylegacy.Contract, v), []request{
			{name: "signed", header: sign("5", body), body: body, status: 201, want: "pk_1 " + body},
			{name: "replayed", header: sign("5", body), body: body, status: 403, want: legacy(50, "Nonce is not monotonous"), prefix: true},
			{name: "no nonce", header: noNonce, body: body, status: 403, want: legacy(20, "Missing nonce"), prefix: true},
			{name: "changed body", header: sign("6", body), body: `{"amount":"500.00"}`, status: 403, want: legacy(70, "Wrong signature"), prefix: true},
			{name: "next nonce", header: sign("6", body), body: body, status: 201, want: "pk_1 " + body},
		})
	})
	t.Run("payout", func(t *testing.T) {
		v, err := auth.New(auth.Config{Lookup: keys, Canonical: auth.TimestampBody})
		if err != nil {
			t.Fatal(err)
		}
		sign := func(ts string) map[string]string {
			return map[string]string{"X-API-Key": "pk_1", "X-Timestamp": ts,
				"X-Signature": auth.Sign(sha256.New, []byte("sk_1"), []byte(ts+body))}
		}
		payoutAnswer := func(msg string) string {
			return `{"message":"` + msg + `","code":"unauthorized","error":{"code":"unauthorized","message":"` + msg + `"}}`
		}
		now := strconv.FormatInt(time.Now().Unix(), 10)
		stale := strconv.FormatInt(time.Now().Add(-time.Hour).Unix(), 10)
		noTS := sign(now)
		delete(noTS, "X-Timestamp")
		run(t, newServer(t, payout.Contract, v), []request{
			{name: "signed", header: sign(now), body: body, status: 201, want: "pk_1 " + body},
			{name: "no timestamp", header: noTS, body: body, status: 401, want: payoutAnswer("Timestamp required")},
			{name: "stale", header: sign(stale), body: body, status: 401, want: payoutAnswer("Timestamp window exceeded")},
			{name: "unknown key", header: map[string]string{"X-API-Key": "pk_2", "X-Timestamp": now, "X-Signature": sign(now)["X-Signature"]}, body: body, status: 401, want: payoutAnswer("Invalid API key")},
		})
	})
	t.Run("basic", func(t *testing.T) {
		run(t, newServer(t, nextapi.Contract, auth.Basic{Lookup: keys}), []request{
			{name: "right secret", basic: [2]string{"pk_1", "sk_1"}, body: body, status: 201, want: "pk_1 " + body},
			{name: "wrong secret", basic: [2]string{"pk_1", "sk_x"}, body: body, status: 401, want: `{"error":{"code":"INVALID_CREDENTIALS","message":"Client ID or Client Secret is incorrect"}}`},
			{name: "none", noBasic: true, body: body, status: 401, want: `{"error":{"code":"UNAUTHORIZED","message":"Authorization header missing or malformed"}}`},
		})
	})
}

func run(t *testing.T, h http.Handler, requests []request) {
	s := httptest.NewServer(h)
	defer s.Close()
	for _, q := range requests {
		r, err := http.NewRequest("POST", s.URL+"/v1/payouts", strings.NewReader(q.body))
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range q.header {
			r.Header.Set(k, v)
		}
		if q.basic[0] != "" {
			r.SetBasicAuth(q.basic[0], q.basic[1])
		}
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		ok := string(got) == q.want || q.prefix && strings.HasPrefix(string(got), q.want)
		if resp.StatusCode != q.status || !ok {
			t.Errorf("%s: %d %s\nwant %d %s", q.name, resp.StatusCode, got, q.status, q.want)
		}
	}
}
