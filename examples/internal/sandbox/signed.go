package sandbox

import (
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
	"net/http"
	"strings"

	"github.com/errkit/errkit/auth"
)

// Authentication modes of the -auth flag.
const (
	AuthAPIKey = "apikey" // "Authorization: ApiKey <key>", the default
	AuthSigned = "signed" // the contract's own scheme: see [SchemeOf]
)

// DemoAPISecret is the secret of the demo key in -auth signed mode.
const DemoAPISecret = "sk_test_sandbox"

// A Scheme is how a contract's clients authenticate in -auth signed mode:
// Basic credentials, or headers and an HMAC over a canonical string.
type Scheme struct {
	Basic     bool // Authorization: Basic base64(key:secret)
	Headers   auth.Headers
	Hash      func() hash.Hash
	Canonical auth.Canonical
}

// SchemeOf returns the scheme of the contract named name:
//   - nexpay-legacy: X-API-KEY, X-NONCE, X-Signature, the hex HMAC-SHA512
//     of nonce + method + request URI + body;
//   - payout: X-API-Key, X-Timestamp, X-Signature, the hex HMAC-SHA256 of
//     timestamp + body;
//   - nextapi: Basic base64(key:secret);
//   - nexpay, cryptopay, problem: X-API-Key, X-Timestamp, X-Signature, the
//     hex HMAC-SHA256 of timestamp + method + request URI + body.
func SchemeOf(name string) Scheme {
	switch name {
	case "nexpay-legacy":
		return Scheme{Headers: auth.NonceHeaders(), Hash: sha512.New, Canonical: auth.DefaultCanonical}
	case "payout":
		return Scheme{Headers: auth.TimestampHeaders(), Hash: sha256.New, Canonical: auth.TimestampBody}
	case "nextapi":
		return Scheme{Basic: true}
	}
	return Scheme{Headers: auth.TimestampHeaders(), Hash: sha256.New, Canonical: auth.DefaultCanonical}
}

// An Authenticator checks the credentials of requests under /v2, in the
// mode of the -auth flag: an [auth.Checker].
type Authenticator struct {
	keys    Keys
	checker auth.Checker // nil in apikey mode
}

// NewAuthenticator returns the authenticator of cfg: the API key check,
// or with -auth signed the contract's own scheme, whose only key is
// -api-key with the secret -api-secret, its nonces shared in Redis with
// -redis. Signed requests' bodies are read up to the largest the sandbox
// takes (a document upload).
func NewAuthenticator(cfg Config) (*Authenticator, error) {
	a := &Authenticator{keys: cfg.Keys}
	if cfg.Auth != AuthSigned {
		return a, nil
	}
	lookup := auth.StaticKeys(map[string]string{cfg.Keys.APIKey: cfg.Keys.APISecret})
	s := SchemeOf(cfg.Contract)
	if s.Basic {
		a.checker = auth.Basic{Lookup: lookup}
		return a, nil
	}
	var nonces auth.NonceStore = new(auth.MemoryNonces)
	if cfg.Shared != nil {
		nonces = cfg.Shared.Nonces
	}
	v, err := auth.New(auth.Config{Headers: s.Headers, Lookup: lookup, Hash: s.Hash, Canonical: s.Canonical,
		Nonces: nonces, MaxBody: max(cfg.MaxBody, MaxDocument+uploadSlack)})
	if err != nil {
		return nil, fmt.Errorf("-auth signed: %w", err)
	}
	a.checker = v
	return a, nil
}

// Verify authenticates a request under /v2 (others pass as they are),
// returning the request the handlers are to see (in signed mode, with the
// body the signature covered and the key in its context) or the failure,
// which the middleware answers in the contract. It makes the
// Authenticator an [auth.Checker], for the doors' auth middleware.
func (a *Authenticator) Verify(r *http.Request) (*http.Request, error) {
	if !strings.HasPrefix(r.URL.Path, "/v2/") {
		return r, nil
	}
	if a.checker == nil {
		_, err := a.keys.CheckAPIKey(r)
		return r, err
	}
	return a.checker.Verify(r)
}

// clientKey returns the API key a request names, for rate limits and
// idempotency scopes: the one a verifier vouched for, else the one the
// request claims in an "Authorization: ApiKey", X-API-Key or Basic
// header.
func clientKey(r *http.Request) string {
	if key := auth.KeyFrom(r.Context()); key != "" {
		return key
	}
	if key := credential(r, "ApiKey"); key != "" {
		return key
	}
	if key := r.Header.Get("X-Api-Key"); key != "" {
		return key
	}
	key, _, _ := r.BasicAuth()
	return key
}
