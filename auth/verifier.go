package auth

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/textproto"
	"os"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
)

// Headers names the headers a signed request carries. Nonce and Timestamp
// may be "" (not used), Key and Signature may not.
type Headers struct {
	Key       string // the API key's header
	Nonce     string // the nonce's header; "" when requests carry none
	Timestamp string // the timestamp's header; "" when requests carry none
	Signature string // the signature's header
}

// NonceHeaders are the Nexpay legacy API's headers: X-API-KEY, X-NONCE and
// X-Signature.
func NonceHeaders() Headers {
	return Headers{Key: "X-API-KEY", Nonce: "X-NONCE", Signature: "X-Signature"}
}

// TimestampHeaders are the Payout API's headers, the default: X-API-Key,
// X-Timestamp and X-Signature.
func TimestampHeaders() Headers {
	return Headers{Key: "X-API-Key", Timestamp: "X-Timestamp", Signature: "X-Signature"}
}

// Defaults of [Config].
const (
	DefaultWindow  = 300 * time.Second
	DefaultMaxBody = 1 << 20
)

// Config configures a [Verifier].
type Config struct {
	// Headers names the headers; the zero value is [TimestampHeaders].
	Headers Headers
	// Lookup returns the key a request names; it is required.
	Lookup Lookup
	// Hash makes the HMAC's hash: sha256.New (the default) or sha512.New.
	Hash func() hash.Hash
	// Canonical builds the signed string; the default is [DefaultCanonical].
	Canonical Canonical
	// Nonces keeps the last nonce of each key; required when
	// Headers.Nonce is set.
	Nonces NonceStore
	// Window is how far a timestamp may be from the server's clock, in
	// the past or the future; the default is [DefaultWindow] (±300 s).
	Window time.Duration
	// MaxBody is the largest body read, in bytes; a larger one is
	// answered as the contract's too-large condition. The default is
	// [DefaultMaxBody] (1 MiB).
	MaxBody int64
	// Now is the clock timestamps are checked against; the default is
	// time.Now.
	Now func() time.Time
}

// A Verifier checks signed requests as its [Config] says. It is safe for
// concurrent use.
type Verifier struct {
	key, nonce, timestamp, signature string // canonical header names
	lookup                           Lookup
	hash                             func() hash.Hash
	size                             int
	canonical                        Canonical
	nonces                           NonceStore
	window                           int64
	maxBody                          int64
	now                              func() time.Time
}

// New returns the Verifier cfg describes, or an error for a configuration
// that cannot work (no lookup, a nonce header without a store).
func New(cfg Config) (*Verifier, error) {
	h := cfg.Headers
	if h == (Headers{}) {
		h = TimestampHeaders()
	}
	switch {
	case cfg.Lookup == nil:
		return nil, errors.New("auth: Config.Lookup is required")
	case h.Key == "" || h.Signature == "":
		return nil, errors.New("auth: Config.Headers needs a key and a signature header")
	case h.Nonce != "" && cfg.Nonces == nil:
		return nil, errors.New("auth: a nonce header needs Config.Nonces")
	case cfg.Window < 0 || cfg.MaxBody < 0:
		return nil, errors.New("auth: Config.Window and Config.MaxBody must not be negative")
	}
	v := &Verifier{
		key: canonicalHeader(h.Key), nonce: canonicalHeader(h.Nonce),
		timestamp: canonicalHeader(h.Timestamp), signature: canonicalHeader(h.Signature),
		lookup: cfg.Lookup, hash: cfg.Hash, canonical: cfg.Canonical, nonces: cfg.Nonces,
		window: int64(cfg.Window / time.Second), maxBody: cfg.MaxBody, now: cfg.Now,
	}
	if v.hash == nil {
		v.hash = sha256.New
	}
	v.size = v.hash().Size()
	if v.canonical == nil {
		v.canonical = DefaultCanonical
	}
	if cfg.Window == 0 {
		v.window = int64(DefaultWindow / time.Second)
	}
	if v.maxBody == 0 {
		v.maxBody = DefaultMaxBody
	}
	if v.now == nil {
		v.now = time.Now
	}
	return v, nil
}

func canonicalHeader(name string) string {
	if name == "" {
		return ""
	}
	return textproto.CanonicalMIMEHeaderKey(name)
}

func first(h http.Header, name string) string {
	if name == "" {
		return ""
	}
	if v := h[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func fail(f apierr.AuthFailure) (*http.Request, error) { return nil, apierr.NewAuthFailure(f) }

// Verify checks r. It returns the request the handler is to see: its body
// the bytes read, intact, and its context carrying the key ([KeyFrom]).
// Its error is an [apierr.NewAuthFailure] (or the contract's too-large,
// timeout or unavailable condition) for the middleware to answer.
//
// The checks run in this order: each header present (key, nonce,
// timestamp, signature), each well formed, the timestamp within the
// window, the key known, the body within the limit, the signature, the
// key's state, its permission for the operation ([Key.Allows]), and last
// the nonce greater than the key's last one, which
// records it.
func (v *Verifier) Verify(r *http.Request) (*http.Request, error) {
	h := r.Header
	id, nonceText, tsText, sigText := first(h, v.key), first(h, v.nonce), first(h, v.timestamp), first(h, v.signature)
	switch {
	case id == "":
		return fail(apierr.AuthKeyMissing)
	case v.nonce != "" && nonceText == "":
		return fail(apierr.AuthNonceMissing)
	case v.timestamp != "" && tsText == "":
		return fail(apierr.AuthTimestampMissing)
	case sigText == "":
		return fail(apierr.AuthSignatureMissing)
	case !ValidKeyID(id):
		return fail(apierr.AuthKeyInvalid)
	}
	var nonce uint64
	if v.nonce != "" {
		var ok bool
		if nonce, ok = ParseNonce(nonceText); !ok {
			return fail(apierr.AuthNonceInvalid)
		}
	}
	if v.timestamp != "" {
		ts, ok := ParseTimestamp(tsText)
		if !ok {
			return fail(apierr.AuthTimestampInvalid)
		}
		if d := v.now().Unix() - ts; d > v.window || d < -v.window {
			return fail(apierr.AuthTimestampExpired)
		}
	}
	var sigBuf [64]byte
	sig, ok := parseHex(sigBuf[:0], sigText, v.size)
	if !ok {
		return fail(apierr.AuthSignatureInvalid)
	}
	ctx := r.Context()
	key, err := v.lookup(ctx, id)
	if errors.Is(err, ErrUnknownKey) {
		return fail(apierr.AuthKeyInvalid)
	}
	if err != nil {
		return nil, apierr.NewCondition(apierr.Unavailable).WithCause(fmt.Errorf("auth: key lookup: %w", err))
	}
	body, err := readBody(r, v.maxBody)
	if err != nil {
		return nil, err
	}
	m := Message{Method: r.Method, URI: requestURI(r), Key: id, Nonce: nonceText, Timestamp: tsText, Body: body}
	msg := v.canonical(make([]byte, 0, 64+len(m.URI)+len(body)), &m)
	mac := hmac.New(v.hash, key.Secret)
	mac.Write(msg)
	var sum [64]byte
	if !hmac.Equal(mac.Sum(sum[:0]), sig) {
		return fail(apierr.AuthSignatureInvalid)
	}
	if f := key.State.failure(); f != 0 {
		return fail(f)
	}
	if !key.permits(r) {
		return fail(apierr.AuthForbidden)
	}
	if v.nonce != "" {
		ok, err := v.nonces.Advance(ctx, id, nonce)
		if err != nil {
			return nil, apierr.NewCondition(apierr.Unavailable).WithCause(fmt.Errorf("auth: nonce store: %w", err))
		}
		if !ok {
			return fail(apierr.AuthNonceReused)
		}
	}
	return handOn(ctx, r, id, body), nil
}

// Handler returns next behind the verifier: a request that fails is
// answered by [middleware.Error], in the contract of the middleware set
// around it.
func (v *Verifier) Handler(next http.Handler) http.Handler { return Middleware(v)(next) }

// A Checker checks a request, returning the request the handler is to see
// or the failure to answer: [Verifier] and [Basic] are Checkers.
type Checker interface {
	// Verify returns the request the handler is to see, or the failure
	// to answer instead.
	Verify(r *http.Request) (*http.Request, error)
}

// Middleware returns c as a func(http.Handler) http.Handler for net/http
// and chi: a failure is answered by [middleware.Error], so install it
// inside [middleware.Wrap] (or a [middleware.Set]) to answer in the set's
// contract.
func Middleware(c Checker) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rr, err := c.Verify(r)
			if err != nil {
				middleware.Error(w, r, err)
				return
			}
			next.ServeHTTP(w, rr)
		})
	}
}

// requestURI is the request's path and query as the client sent them,
// unchanged by a router that stripped a prefix.
func requestURI(r *http.Request) string {
	if u := r.RequestURI; len(u) > 0 && u[0] == '/' {
		return u
	}
	return r.URL.RequestURI()
}

// readBody reads r's body, up to limit bytes: a larger body is the
// too-large condition, a body the client was too slow to send the
// request-timeout one, any other read failure a bad request.
func readBody(r *http.Request, limit int64) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	if r.ContentLength > limit {
		return nil, apierr.NewCondition(apierr.TooLarge).With("limit", limit)
	}
	var body []byte
	var err error
	if r.ContentLength > 0 {
		// A server's body ends at its Content-Length.
		body = make([]byte, r.ContentLength)
		_, err = io.ReadFull(r.Body, body)
	} else {
		buf := bytes.NewBuffer(make([]byte, 0, 512))
		var n int64
		n, err = buf.ReadFrom(io.LimitReader(r.Body, limit+1))
		if err == nil && n > limit {
			return nil, apierr.NewCondition(apierr.TooLarge).With("limit", limit)
		}
		body = buf.Bytes()
	}
	if err == nil {
		return body, nil
	}
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return nil, apierr.NewCondition(apierr.TooLarge).WithCause(err)
	}
	if errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return nil, apierr.NewCondition(apierr.RequestTimeout).WithCause(err)
	}
	return nil, apierr.NewCondition(apierr.BadRequest).WithCause(err)
}

// handOn returns r with the body read, intact, and the key in its context.
func handOn(ctx context.Context, r *http.Request, id string, body []byte) *http.Request {
	rr := r.WithContext(withKey(ctx, id))
	if r.Body == nil || r.Body == http.NoBody {
		return rr
	}
	rr.Body = io.NopCloser(bytes.NewReader(body))
	rr.ContentLength = int64(len(body))
	return rr
}
