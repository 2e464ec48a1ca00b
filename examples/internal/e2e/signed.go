package e2e

import (
	"encoding/base64"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/examples/internal/sandbox"
	"github.com/errkit/errkit/internal/redistest"
)

// signedCase is one request to a server in -auth signed mode: what it
// changes of a correctly signed request, and the failure it must meet (0:
// it must be served).
type signedCase struct {
	name string
	mod  func(q *signedReq)
	want apierr.AuthFailure
}

type signedReq struct {
	key, secret, nonce, ts, body, signedBody, drop string
}

const quoteBody = `{"fromCurrency":"EUR","toCurrency":"USD","amount":"100.00"}`

// signed starts the server in -auth signed mode in every contract and
// sends it requests signed as the contract's scheme says: the correctly
// signed ones are served, the others answered with the contract's code
// for their failure, each answer as the document the server serves
// allows. No body and no log line holds the secret, a signature or a
// nonce.
func signed(t *testing.T, bin string) {
	t.Run("two replicas on redis", func(t *testing.T) { signedFleet(t, bin) })
	for _, name := range sandbox.ContractNames() {
		t.Run(name, func(t *testing.T) {
			d, err := sandbox.DialectNamed(name)
			if err != nil {
				t.Fatal(err)
			}
			s := Start(t, bin, "-contract", name, "-auth", "signed")
			defer s.Stop(t)
			checkDocument(t, s, name)
			scheme := sandbox.SchemeOf(name)
			nonce := time.Now().UnixMilli()
			var secrets []string
			for _, c := range signedCases(scheme) {
				nonce++
				q := signedReq{key: APIKey, secret: sandbox.DemoAPISecret, nonce: strconv.FormatInt(nonce, 10),
					ts: strconv.FormatInt(time.Now().Unix(), 10), body: quoteBody}
				if c.mod != nil {
					c.mod(&q)
				}
				r, sent := signedRequest(t, s.URL, scheme, q)
				secrets = append(secrets, sent...)
				resp, err := client.Do(r)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				_ = resp.Body.Close()
				if c.want == 0 {
					if resp.StatusCode != http.StatusCreated || !strings.Contains(string(body), `"rate":"1.0850"`) {
						t.Errorf("%s: %d %s", c.name, resp.StatusCode, body)
					}
					continue
				}
				code := kit.AuthCode(d.Contract, c.want)
				e, err := d.Contract.Parse(resp.StatusCode, body)
				if resp.StatusCode != code.Status() || err != nil || e.Code() != code {
					t.Errorf("%s: %d %s, want %s (%d)", c.name, resp.StatusCode, body, code.ID(), code.Status())
				}
				for _, v := range sent {
					if strings.Contains(string(body), v) {
						t.Errorf("%s: the body holds %q", c.name, v)
					}
				}
			}
			log := s.Log()
			for _, v := range secrets {
				if strings.Contains(log, v) {
					t.Errorf("the log holds %q", v)
				}
			}
		})
	}
}

func signedCases(s sandbox.Scheme) []signedCase {
	if s.Basic {
		return []signedCase{
			{"signed", nil, 0},
			{"no credentials", func(q *signedReq) { q.drop = "Authorization" }, apierr.AuthKeyMissing},
			{"unknown key", func(q *signedReq) { q.key = "pk_other" }, apierr.AuthKeyInvalid},
			{"wrong secret", func(q *signedReq) { q.secret = "sk_guess_123" }, apierr.AuthSecretInvalid},
		}
	}
	cases := []signedCase{
		{"signed", nil, 0},
		{"no key", func(q *signedReq) { q.drop = s.Headers.Key }, apierr.AuthKeyMissing},
		{"no signature", func(q *signedReq) { q.drop = s.Headers.Signature }, apierr.AuthSignatureMissing},
		{"unknown key", func(q *signedReq) { q.key = "pk_other" }, apierr.AuthKeyInvalid},
		{"wrong secret", func(q *signedReq) { q.secret = "sk_guess_123" }, apierr.AuthSignatureInvalid},
		{"changed body", func(q *signedReq) { q.signedBody = strings.Replace(quoteBody, "100.00", "1.00", 1) }, apierr.AuthSignatureInvalid},
	}
	if s.Headers.Nonce != "" {
		cases = append(cases,
			signedCase{"no nonce", func(q *signedReq) { q.drop = s.Headers.Nonce }, apierr.AuthNonceMissing},
			signedCase{"nonce 2^53", func(q *signedReq) { q.nonce = "9007199254740992" }, apierr.AuthNonceInvalid},
			signedCase{"smaller nonce", func(q *signedReq) { q.nonce = "1000" }, apierr.AuthNonceReused},
		)
	}
	if s.Headers.Timestamp != "" {
		cases = append(cases,
			signedCase{"no timestamp", func(q *signedReq) { q.drop = s.Headers.Timestamp }, apierr.AuthTimestampMissing},
			signedCase{"timestamp in milliseconds", func(q *signedReq) { q.ts += "000.5" }, apierr.AuthTimestampInvalid},
			signedCase{"stale timestamp", func(q *signedReq) { q.ts = strconv.FormatInt(time.Now().Add(-10*time.Minute).Unix(), 10) }, apierr.AuthTimestampExpired},
		)
	}
	return cases
}

// signedRequest builds q as scheme s signs it, and returns the values that
// must never come back: the secret, the signature, the nonce.
func signedRequest(t *testing.T, base string, s sandbox.Scheme, q signedReq) (*http.Request, []string) {
	t.Helper()
	const path = "/v2/quotes"
	r, err := http.NewRequest("POST", base+path, strings.NewReader(q.body))
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Content-Type", "application/json")
	set := func(name, v string) {
		if name != "" && name != q.drop {
			r.Header.Set(name, v)
		}
	}
	if s.Basic {
		set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(q.key+":"+q.secret)))
		return r, []string{q.secret}
	}
	signed := q.body
	if q.signedBody != "" {
		signed = q.signedBody
	}
	m := auth.Message{Method: "POST", URI: path, Key: q.key, Body: []byte(signed)}
	if s.Headers.Nonce != "" {
		m.Nonce = q.nonce
	}
	if s.Headers.Timestamp != "" {
		m.Timestamp = q.ts
	}
	sig := auth.Sign(s.Hash, []byte(q.secret), s.Canonical(nil, &m))
	set(s.Headers.Key, q.key)
	set(s.Headers.Nonce, q.nonce)
	set(s.Headers.Timestamp, q.ts)
	set(s.Headers.Signature, sig)
	sent := []string{q.secret, sig}
	if s.Headers.Nonce != "" {
		sent = append(sent, q.nonce)
	}
	return r, sent
}

// signedFleet runs two replicas in the legacy scheme on one Redis
// (-redis): a nonce one accepted, the other refuses as not monotonous,
// and the next one it accepts.
func signedFleet(t *testing.T, bin string) {
	srv := redistest.Start(t)
	var replicas [2]*Server
	for i := range replicas {
		replicas[i] = Start(t, bin, "-contract", "nexpay-legacy", "-auth", "signed", "-redis", srv.URL(), "-redis-timeout", redisTimeout)
		defer replicas[i].Stop(t)
	}
	scheme := sandbox.SchemeOf("nexpay-legacy")
	nonce := time.Now().UnixMilli()
	send := func(s *Server, n int64) (int, string) {
		r, _ := signedRequest(t, s.URL, scheme, signedReq{key: APIKey, secret: sandbox.DemoAPISecret, nonce: strconv.FormatInt(n, 10), body: quoteBody})
		resp, err := client.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if status, body := send(replicas[0], nonce); status != http.StatusCreated {
		t.Fatalf("first replica: %d %s", status, body)
	}
	if status, body := send(replicas[1], nonce); status != 403 || !strings.HasPrefix(body, `{"errors":[{"code":50,"message":"Nonce is not monotonous"}]`) {
		t.Errorf("the same nonce on the second replica: %d %s", status, body)
	}
	if status, body := send(replicas[1], nonce+1); status != http.StatusCreated {
		t.Errorf("the next nonce on the second replica: %d %s", status, body)
	}
	if status, _ := send(replicas[0], nonce+1); status != 403 {
		t.Errorf("that nonce again on the first replica: %d", status)
	}
}
