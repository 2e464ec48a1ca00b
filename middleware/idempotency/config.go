package idempotency

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/textproto"
	"strings"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
)

// Defaults of a [Config].
const (
	DefaultHeader  = "Idempotency-Key"
	DefaultTTL     = 24 * time.Hour
	DefaultMaxBody = 1 << 20
)

// ReplayHeader marks a replayed response: "Idempotent-Replayed: true".
const ReplayHeader = "Idempotent-Replayed"

// DefaultHeaders are the response headers stored and replayed; the others
// (Date, Set-Cookie, a request ID set by an outer middleware) belong to
// each response.
var DefaultHeaders = []string{
	"Content-Type", "Content-Encoding", "Content-Language", "Content-Disposition",
	"Location", "Link", "Etag", "Last-Modified", "Cache-Control", "Vary",
	"Retry-After", "X-Content-Type-Options",
}

// Config configures a [Middleware]. The zero value is usable: failures in
// the enclosing errkit middleware's contract (Nexpay v2 without one), the
// Idempotency-Key header on POST and PATCH, keys scoped by the
// Authorization and X-API-Key headers, kept 24 hours in a [MemoryStore].
// APIs that authenticate by cookie, session or mTLS must set Scope.
type Config struct {
	// Header is the request header carrying the key: "Idempotency-Key"
	// by default, "X-Idempotency-Key" for NextAPI.
	Header string
	// Methods are the methods covered; nil means POST and PATCH. GET,
	// HEAD, OPTIONS and TRACE are safe already and never covered.
	Methods []string
	// Scope returns the client a request comes from, so that two clients'
	// keys never collide: an account or API key ID. What it returns is
	// hashed before it reaches the store. nil means the Authorization and
	// X-API-Key headers (the scheme in any case, blanks collapsed);
	// requests without either share one scope. An API that authenticates
	// by cookie, session or client certificate must set Scope (to the
	// account ID), or its clients may replay each other's responses.
	Scope func(*http.Request) string
	// TTL is how long a completed response is replayed; 0 means 24 hours.
	TTL time.Duration
	// Contract is the contract the middleware's own failures (a key in
	// progress or reused, a malformed key, a body too large, a store
	// that fails) are answered in when no errkit middleware encloses it.
	// nil, the default, means the enclosing errkit middleware's: they go
	// to [middleware.Error], which answers them in the contract of the
	// [middleware.Set] guarding the response, logs and counts them, or,
	// with no Set around, in Nexpay v2 with the default logger; the echo
	// doors return them to echo's HTTPErrorHandler, the gin door records
	// them for the gin set. Set, with no Set around, it is answered in
	// this contract, still logged (by a Set of its own with the default
	// logger). Inside a Set, on every door, the Set's contract wins: the
	// failure is answered with its code for the condition, and one of
	// another contract is logged at warning level with "misconfigured"
	// and passed to the metrics hook as [middleware.Failure].Misconfigured.
	Contract apierr.Contract
	// ReplayStatus, if not 0, is the status a replay of a 2xx response is
	// sent with: 200 for the Payout API, which answers a repeated create
	// with 200 "already exists". 0 replays the original status.
	ReplayStatus int
	// Wait is how long a request whose key is in flight waits for the
	// first one to complete, then replays its response. 0 answers the
	// contract's Conflict code (409) at once.
	Wait time.Duration
	// RefuseReuse answers every request whose key was used before with
	// the contract's Conflict code (409) instead of replaying the first
	// response, whether it repeats the first request or not: Cryptopay
	// answers a reused custom_id so. A key whose first request failed
	// with a 5xx is free again, as always; Wait does not apply.
	RefuseReuse bool
	// BodyKey, if set, names a top-level member of a JSON object body
	// that carries the key when the header is absent: "external_id" for
	// the Payout API. A covered request is then read whole (up to
	// MaxBody) even without the header; one whose body has no such member
	// runs unprotected.
	BodyKey string
	// BodyKeyOnly reads the key from the BodyKey member alone, never from
	// the header: a contract whose document names a body member (the
	// Payout API's external_id, Cryptopay's custom_id) identifies a repeat
	// by that member, and a header of the client's choosing must not make
	// a repeated create look new. It needs BodyKey.
	BodyKeyOnly bool
	// Store holds the records; nil means a [MemoryStore] with the default
	// budget and Now as its clock.
	Store Store
	// MaxBody is the largest request body fingerprinted; a larger one
	// answers the contract's TooLarge code (413). 0 means 1 MiB.
	MaxBody int64
	// Headers are the response headers stored and replayed; nil means
	// [DefaultHeaders].
	Headers []string
	// Now is the clock records expire by; nil means time.Now.
	Now func() time.Time
	// Logger receives a record, at error level, when the response of a
	// request that ran could not be stored (the store's Complete failed,
	// and failed again when tried once more): the client has its
	// response, but the key is not released, since a free key would run
	// the handler again; it stays in flight (409) until the store's lease
	// ends. nil means slog.Default() at the time of the record.
	Logger *slog.Logger
	// OnUnstored, if set, is called with the request and the store's
	// error whenever that happens: a hook for a metric. It must be fast.
	OnUnstored func(r *http.Request, err error)
}

// defaultScope is the Authorization and X-API-Key headers, normalised so
// that one credential is one scope however it is spelled: the scheme in
// any case, blanks around and between the parts collapsed. The
// credentials themselves keep their case (tokens are case-sensitive).
func defaultScope(r *http.Request) string { return string(appendDefaultScope(nil, r)) }

// appendDefaultScope appends r's default scope to dst.
func appendDefaultScope(dst []byte, r *http.Request) []byte {
	dst = appendAuth(dst, r.Header.Get("Authorization"))
	if k := trimBlank(r.Header.Get("X-Api-Key")); k != "" {
		dst = append(append(dst, 0), k...)
	}
	return dst
}

// normAuth lower-cases an Authorization value's scheme and collapses its
// runs of blanks (space, tab) into one space, trimmed.
func normAuth(v string) string {
	if authNormal(v) {
		return v
	}
	return string(appendAuth(nil, v))
}

// appendAuth appends v as normAuth returns it.
func appendAuth(dst []byte, v string) []byte {
	start := len(dst)
	scheme := true
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == ' ' || c == '\t' {
			if len(dst) > start && dst[len(dst)-1] != ' ' {
				dst = append(dst, ' ')
			}
			scheme = scheme && len(dst) == start
			continue
		}
		if scheme && 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	if n := len(dst); n > start && dst[n-1] == ' ' {
		dst = dst[:n-1]
	}
	return dst
}

// authNormal reports whether v is already as normAuth leaves it.
func authNormal(v string) bool {
	if v == "" {
		return true
	}
	if v[0] == ' ' || v[len(v)-1] == ' ' {
		return false
	}
	scheme := true
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '\t':
			return false
		case c == ' ':
			if v[i-1] == ' ' {
				return false
			}
			scheme = false
		case scheme && 'A' <= c && c <= 'Z':
			return false
		}
	}
	return true
}

// trimBlank trims spaces and tabs.
func trimBlank(s string) string { return strings.Trim(s, " \t") }

// scopeHash hashes a scope so that no credential reaches the store.
func scopeHash(scope string) [sha256.Size]byte { return sha256.Sum256([]byte(scope)) }

func (cfg Config) build() (*Middleware, error) {
	m := &Middleware{
		scope:        cfg.Scope,
		ttl:          cfg.TTL,
		contract:     cfg.Contract,
		replayStatus: cfg.ReplayStatus,
		wait:         cfg.Wait,
		bodyKey:      cfg.BodyKey,
		bodyKeyOnly:  cfg.BodyKeyOnly,
		refuseReuse:  cfg.RefuseReuse,
		store:        cfg.Store,
		maxBody:      cfg.MaxBody,
		now:          cfg.Now,
		logger:       cfg.Logger,
		onUnstored:   cfg.OnUnstored,
	}
	header := cfg.Header
	if header == "" {
		header = DefaultHeader
	}
	if !validToken(header) {
		return nil, fmt.Errorf("idempotency: invalid header name %q", header)
	}
	m.header = textproto.CanonicalMIMEHeaderKey(header)
	methods := cfg.Methods
	if methods == nil {
		methods = []string{http.MethodPost, http.MethodPatch}
	}
	for _, meth := range methods {
		switch meth {
		case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
			return nil, fmt.Errorf("idempotency: method %s is safe and cannot be covered", meth)
		}
		if !validToken(meth) {
			return nil, fmt.Errorf("idempotency: invalid method %q", meth)
		}
		m.methods = append(m.methods, meth)
	}
	if len(m.methods) == 0 {
		return nil, errors.New("idempotency: no method covered")
	}
	if m.bodyKeyOnly && m.bodyKey == "" {
		return nil, errors.New("idempotency: BodyKeyOnly needs a BodyKey")
	}
	if m.replayStatus != 0 && (m.replayStatus < 200 || m.replayStatus > 299) {
		return nil, fmt.Errorf("idempotency: replay status %d is not a 2xx", m.replayStatus)
	}
	if m.ttl < 0 || m.wait < 0 || m.maxBody < 0 {
		return nil, errors.New("idempotency: negative TTL, Wait or MaxBody")
	}
	if m.scope == nil {
		m.defaultScope = true
	}
	if m.ttl == 0 {
		m.ttl = DefaultTTL
	}
	if m.contract != nil {
		m.set = middleware.New(middleware.WithContract(m.contract))
	}
	if m.now == nil {
		m.now = time.Now
	}
	if m.store == nil {
		m.store = NewMemoryStore(MemoryConfig{Now: m.now})
	}
	if m.maxBody == 0 {
		m.maxBody = DefaultMaxBody
	}
	names := cfg.Headers
	if names == nil {
		names = DefaultHeaders
	}
	for _, h := range names {
		if !validToken(h) {
			return nil, fmt.Errorf("idempotency: invalid header name %q", h)
		}
		m.headers = append(m.headers, textproto.CanonicalMIMEHeaderKey(h))
	}
	return m, nil
}

// validToken reports whether s is an HTTP token (a header or method name).
func validToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || c == '"' || c == '(' || c == ')' || c == ',' || c == '/' ||
			c == ':' || c == ';' || c == '<' || c == '=' || c == '>' || c == '?' || c == '@' ||
			c == '[' || c == '\\' || c == ']' || c == '{' || c == '}' {
			return false
		}
	}
	return true
}
