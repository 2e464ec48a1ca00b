package auth_test

import (
	"crypto/sha256"
	"strconv"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/apierr/kit"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/apierr/payout"
	"github.com/errkit/errkit/apierr/problem"
	"github.com/errkit/errkit/auth"
)

// A scenario is one request of a run against one server, in order, and
// the failure it must meet (0: it must succeed).
type scenario struct {
	name string
	q    req
	want apierr.AuthFailure
}

const body = `{"amount":"5.00","currency":"EUR"}`

// signedScenarios is every failure a signed scheme can meet, and the
// successes between them, in the order sent: nonces increase from one
// success to the next, and the failures before the nonce check use nonces
// that would be accepted, so that they prove nothing was burned.
func signedScenarios(s scheme) []scenario {
	nonce := uint64(7364519283746)
	next := func() string { nonce++; return strconv.FormatUint(nonce, 10) }
	ok := func(mod func(*req)) req {
		q := req{body: body, key: "pk_live", ts: ts(0)}
		if s.headers.Nonce != "" {
			q.nonce = next()
		}
		if mod != nil {
			mod(&q)
		}
		return q
	}
	// pending is a request whose nonce (if any) is the next one, not yet
	// used: a failure must leave it usable.
	pending := func(mod func(*req)) req {
		q := ok(mod)
		if s.headers.Nonce != "" {
			nonce--
		}
		return q
	}
	h := s.headers
	sc := []scenario{
		{"success", ok(nil), 0},
		{"GET without a body", ok(func(q *req) { q.method, q.body, q.path = "GET", "", "/v1/payouts/p_1" }), 0},
		{"missing key", pending(func(q *req) { q.drop = h.Key }), apierr.AuthKeyMissing},
		{"missing signature", pending(func(q *req) { q.drop = h.Signature }), apierr.AuthSignatureMissing},
		{"unknown key", pending(func(q *req) { q.key = "pk_unknown" }), apierr.AuthKeyInvalid},
		{"malformed key", pending(func(q *req) { q.key = "pk live" }), apierr.AuthKeyInvalid},
		{"wrong signature", pending(func(q *req) { q.signWith = otherSecret }), apierr.AuthSignatureInvalid},
		{"signature not hex", pending(func(q *req) { q.sig = strings.Repeat("zz", 32) }), apierr.AuthSignatureInvalid},
		{"signature too short", pending(func(q *req) { q.sig = "abcd" }), apierr.AuthSignatureInvalid},
		{"signature over a changed body", pending(func(q *req) { q.signedBody = strp(`{"amount":"0.01","currency":"EUR"}`) }), apierr.AuthSignatureInvalid},
		{"success after the forgeries", ok(nil), 0},
		{"key disabled", pending(func(q *req) { q.key = "pk_disabled" }), apierr.AuthKeyDisabled},
		{"key locked", pending(func(q *req) { q.key = "pk_locked" }), apierr.AuthKeyLocked},
		{"key deleted", pending(func(q *req) { q.key = "pk_revoked" }), apierr.AuthKeyRevoked},
		{"key deprecated", pending(func(q *req) { q.key = "pk_deprecated" }), apierr.AuthKeyDeprecated},
		{"client account closed", pending(func(q *req) { q.key = "pk_client_gone" }), apierr.AuthClientInvalid},
		{"key without permission", pending(func(q *req) { q.key = "pk_read_only" }), apierr.AuthForbidden},
		{"key with permission", ok(func(q *req) { q.key, q.method, q.body, q.path = "pk_read_only", "GET", "", "/v1/payouts/p_1" }), 0},
	}
	if s.uri {
		sc = append(sc, scenario{"signature for another path", pending(func(q *req) { q.signedPath = "/v1/payouts?shop=8" }), apierr.AuthSignatureInvalid})
	}
	if h.Timestamp != "" {
		sc = append(sc,
			scenario{"missing timestamp", pending(func(q *req) { q.drop = h.Timestamp }), apierr.AuthTimestampMissing},
			scenario{"timestamp not a number", pending(func(q *req) { q.ts = "2026-01-01T00:00:00Z" }), apierr.AuthTimestampInvalid},
			scenario{"timestamp in milliseconds", pending(func(q *req) { q.ts = "1767225600000000" }), apierr.AuthTimestampInvalid},
			scenario{"timestamp with a fraction", pending(func(q *req) { q.ts = "1767225600.5" }), apierr.AuthTimestampInvalid},
			scenario{"stale timestamp", pending(func(q *req) { q.ts = ts(-301e9) }), apierr.AuthTimestampExpired},
			scenario{"future timestamp", pending(func(q *req) { q.ts = ts(301e9) }), apierr.AuthTimestampExpired},
			scenario{"timestamp at the window's edge", ok(func(q *req) { q.ts = ts(-300e9) }), 0},
		)
	}
	if h.Nonce != "" {
		accepted := ok(nil)
		sc = append(sc,
			scenario{"missing nonce", pending(func(q *req) { q.drop = h.Nonce }), apierr.AuthNonceMissing},
			scenario{"nonce not a number", pending(func(q *req) { q.nonce = "12ab" }), apierr.AuthNonceInvalid},
			scenario{"nonce negative", pending(func(q *req) { q.nonce = "-5" }), apierr.AuthNonceInvalid},
			scenario{"nonce zero", pending(func(q *req) { q.nonce = "0" }), apierr.AuthNonceInvalid},
			scenario{"nonce with a fraction", pending(func(q *req) { q.nonce = "7364519283999.5" }), apierr.AuthNonceInvalid},
			scenario{"nonce 2^53", pending(func(q *req) { q.nonce = "9007199254740992" }), apierr.AuthNonceInvalid},
			scenario{"nonce beyond uint64", pending(func(q *req) { q.nonce = "99999999999999999999999" }), apierr.AuthNonceInvalid},
			scenario{"success", accepted, 0},
			scenario{"replayed nonce", pending(func(q *req) { q.nonce = accepted.nonce }), apierr.AuthNonceReused},
			scenario{"the next nonce after the replay", ok(nil), 0},
			scenario{"smaller nonce", ok(func(q *req) { q.nonce = "7364519283746" }), apierr.AuthNonceReused},
			scenario{"largest nonce", ok(func(q *req) { q.nonce = "9007199254740991" }), 0},
			scenario{"nothing after the largest", ok(func(q *req) { q.nonce = "9007199254740991" }), apierr.AuthNonceReused},
		)
	}
	return sc
}

func basicScenarios() []scenario {
	return []scenario{
		{"success", req{body: body, auth: basicAuth("pk_live:" + secret)}, 0},
		{"missing Authorization", req{body: body}, apierr.AuthKeyMissing},
		{"another scheme", req{body: body, auth: "Bearer " + secret}, apierr.AuthCredentialsMalformed},
		{"not base64", req{body: body, auth: "Basic !!!"}, apierr.AuthCredentialsMalformed},
		{"no colon", req{body: body, auth: basicAuth("pk_live")}, apierr.AuthCredentialsMalformed},
		{"empty key", req{body: body, auth: basicAuth(":" + secret)}, apierr.AuthCredentialsMalformed},
		{"unknown key", req{body: body, auth: basicAuth("pk_unknown:" + secret)}, apierr.AuthKeyInvalid},
		{"wrong secret", req{body: body, auth: basicAuth("pk_live:" + otherSecret)}, apierr.AuthSecretInvalid},
		{"key locked", req{body: body, auth: basicAuth("pk_locked:" + secret)}, apierr.AuthKeyLocked},
		{"key disabled", req{body: body, auth: basicAuth("pk_disabled:" + secret)}, apierr.AuthKeyDisabled},
		{"key without permission", req{body: body, auth: basicAuth("pk_read_only:" + secret)}, apierr.AuthForbidden},
		{"key with permission", req{method: "GET", path: "/v1/payouts/p_1", auth: basicAuth("pk_read_only:" + secret)}, 0},
	}
}

// An answer is what a contract's table says a failure gets: the status
// and the body, whole or up to a request-specific part (prefix).
type answer struct {
	status int
	body   string
	prefix bool
}

// run sends every scenario to a fresh server of contract c and scheme s,
// and holds each answer to table.
func run(t *testing.T, c apierr.Contract, s scheme, scenarios []scenario, table map[apierr.AuthFailure]answer) {
	srv := newServer(t, c, s, nil)
	seen := map[apierr.AuthFailure]bool{}
	for _, sc := range scenarios {
		status, got := srv.send(t, sc.q)
		if sc.want == 0 {
			if status != 200 || got != sc.q.body {
				t.Errorf("%s: %d %s, want 200 and the body back", sc.name, status, got)
			}
			continue
		}
		seen[sc.want] = true
		w, ok := table[sc.want]
		if !ok {
			t.Fatalf("%s: no answer in the table for %s", sc.name, sc.want)
		}
		match := got == w.body || w.prefix && strings.HasPrefix(got, w.body)
		if status != w.status || !match {
			t.Errorf("%s (%s): %d %s\nwant %d %s", sc.name, sc.want, status, got, w.status, w.body)
		}
	}
	for f := range table {
		if !seen[f] {
			t.Errorf("%s: no scenario meets it", f)
		}
	}
	tooLarge(t, srv, c)
	noSecrets(t, srv)
}

func TestLegacy(t *testing.T) {
	a := func(code int, msg string) answer {
		return answer{403, `{"errors":[{"code":` + strconv.Itoa(code) + `,"message":"` + msg + `"}],"traceId":"`, true}
	}
	run(t, nexpaylegacy.Contract, legacyScheme, signedScenarios(legacyScheme), map[apierr.AuthFailure]answer{
		apierr.AuthKeyMissing:       a(10, "Missing API key"),
		apierr.AuthNonceMissing:     a(20, "Missing nonce"),
		apierr.AuthSignatureMissing: a(30, "Missing signature"),
		apierr.AuthKeyInvalid:       a(40, "Invalid API key"),
		apierr.AuthNonceReused:      a(50, "Nonce is not monotonous"),
		apierr.AuthNonceInvalid:     a(60, "Nonce is not valid"),
		apierr.AuthSignatureInvalid: a(70, "Wrong signature"),
		apierr.AuthKeyDisabled:      a(90, "API key is not enabled"),
		apierr.AuthKeyLocked:        a(100, "API key locked"),
		apierr.AuthClientInvalid:    a(110, "Invalid client state"),
		apierr.AuthKeyRevoked:       a(120, "Invalid API key state"),
		apierr.AuthKeyDeprecated:    a(121, "Deprecated API key"),
		apierr.AuthForbidden:        a(80, "No permissions"),
	})
}

func TestPayout(t *testing.T) {
	a := func(msg string) answer {
		return answer{401, `{"message":"` + msg + `","code":"unauthorized","error":{"code":"unauthorized","message":"` + msg + `"}}`, false}
	}
	run(t, payout.Contract, payoutScheme, signedScenarios(payoutScheme), map[apierr.AuthFailure]answer{
		apierr.AuthKeyMissing:       a("API key required"),
		apierr.AuthKeyInvalid:       a("Invalid API key"),
		apierr.AuthTimestampMissing: a("Timestamp required"),
		apierr.AuthTimestampInvalid: a("Invalid timestamp format"),
		apierr.AuthTimestampExpired: a("Timestamp window exceeded"),
		apierr.AuthSignatureMissing: a("Invalid signature"),
		apierr.AuthSignatureInvalid: a("Invalid signature"),
		apierr.AuthKeyDisabled:      a("Invalid API key"),
		apierr.AuthKeyLocked:        a("Invalid API key"),
		apierr.AuthKeyRevoked:       a("Invalid API key"),
		apierr.AuthKeyDeprecated:    a("Invalid API key"),
		apierr.AuthClientInvalid:    a("Invalid API key"),
		// The document's 403 "Forbidden. Access denied."
		apierr.AuthForbidden: {403, `{"message":"Access denied","code":"forbidden","error":{"code":"forbidden","message":"Access denied"}}`, false},
	})
}

func TestNextAPI(t *testing.T) {
	a := func(status int, code, msg string) answer {
		return answer{status, `{"error":{"code":"` + code + `","message":"` + msg + `"}}`, false}
	}
	unauthorized := a(401, "UNAUTHORIZED", "Authorization header missing or malformed")
	invalid := a(401, "INVALID_CREDENTIALS", "Client ID or Client Secret is incorrect")
	forbidden := a(403, "FORBIDDEN", "Credentials valid but access denied")
	run(t, nextapi.Contract, basicScheme, basicScenarios(), map[apierr.AuthFailure]answer{
		apierr.AuthKeyMissing:           unauthorized,
		apierr.AuthCredentialsMalformed: unauthorized,
		apierr.AuthKeyInvalid:           invalid,
		apierr.AuthSecretInvalid:        invalid,
		apierr.AuthKeyLocked:            forbidden,
		apierr.AuthKeyDisabled:          forbidden,
		apierr.AuthForbidden:            forbidden,
	})
}

func TestCryptopay(t *testing.T) {
	a := answer{401, `{"error":{"code":"unauthenticated","message":"unauthenticated","details":[]},"meta":{"request_id":"`, true}
	table := map[apierr.AuthFailure]answer{}
	for _, sc := range signedScenarios(tsScheme) {
		if sc.want != 0 {
			table[sc.want] = a
		}
	}
	// The document's 403: "You don't have required permissions to perform
	// requested action on the resource."
	table[apierr.AuthForbidden] = answer{403, `{"error":{"code":"unauthorized","message":"unauthorized","details":[]},"meta":{"request_id":"`, true}
	run(t, cryptopay.Contract, tsScheme, signedScenarios(tsScheme), table)
}

func TestNexpay(t *testing.T) {
	a := func(code, msg string) answer {
		return answer{401, `{"statusCode":401,"code":"[` + code + `]","message":"[` + code + `] ` + msg + `","timestamp":"`, true}
	}
	missing, key, cred := a("GEN9003", "Unauthorized"), a("AUT0003", "Invalid API key"), a("AUT0001", "Invalid credentials")
	// Both a nonce and a timestamp: every failure of either.
	s := scheme{headers: auth.Headers{Key: "X-API-Key", Nonce: "X-Nonce", Timestamp: "X-Timestamp", Signature: "X-Signature"}, hash: sha256.New, canonical: auth.DefaultCanonical, uri: true}
	run(t, apierr.Nexpay, s, signedScenarios(s), map[apierr.AuthFailure]answer{
		apierr.AuthKeyMissing: missing, apierr.AuthNonceMissing: missing, apierr.AuthTimestampMissing: missing, apierr.AuthSignatureMissing: missing,
		apierr.AuthKeyInvalid: key, apierr.AuthKeyDisabled: key, apierr.AuthKeyLocked: key, apierr.AuthKeyRevoked: key,
		apierr.AuthKeyDeprecated: key, apierr.AuthClientInvalid: key,
		apierr.AuthNonceInvalid: cred, apierr.AuthNonceReused: cred, apierr.AuthTimestampInvalid: cred, apierr.AuthSignatureInvalid: cred,
		apierr.AuthTimestampExpired: a("AUT0002", "Session expired"),
		apierr.AuthForbidden:        {403, `{"statusCode":403,"code":"[GEN9004]","message":"[GEN9004] Forbidden","timestamp":"`, true},
	})
}

func TestProblem(t *testing.T) {
	table := map[apierr.AuthFailure]answer{}
	for _, sc := range signedScenarios(tsScheme) {
		if f := sc.want; f != 0 {
			code := kit.AuthCode(apierr.Nexpay, f)
			status := code.Status()
			table[f] = answer{status, `{"type":"https://errkit.dev/problems/auth/` + f.String() + `","title":"` + f.Title() +
				`","status":` + strconv.Itoa(status) + `,"detail":"` + code.Message() + `","instance":"/v1/payouts","code":"` + code.ID() + `"}`, false}
		}
	}
	run(t, problem.Contract, tsScheme, signedScenarios(tsScheme), table)
}
