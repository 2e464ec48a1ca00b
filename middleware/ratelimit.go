package middleware

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/errkit/errkit/apierr"
)

// A Limiter decides whether the client named by key may make one more
// request. [TokenBucket] is the in-memory default.
type Limiter interface {
	// Allow counts one request of the client named by key and says
	// whether it may go on.
	Allow(ctx context.Context, key string) RateDecision
}

// A RateDecision is a [Limiter]'s answer for one request.
type RateDecision struct {
	Allowed   bool          // whether the request may go on
	Wait      time.Duration // when denied: how long until a request would be allowed
	Limit     int           // the client's quota: the burst of a token bucket
	Remaining int           // requests left right now; a limiter may leave it 0 when it allows
}

// The rate-limit response headers, after the IETF draft "RateLimit header
// fields for HTTP" (draft-ietf-httpapi-ratelimit-headers), sent with every
// 429: the quota, what is left of it (0) and the seconds until a request
// is allowed again.
const (
	HeaderRateLimitLimit     = "RateLimit-Limit"
	HeaderRateLimitRemaining = "RateLimit-Remaining"
	HeaderRateLimitReset     = "RateLimit-Reset"
)

// The same names as net/http spells them in a Header map: setting them so
// costs no allocation to canonicalise on every 429. Names are
// case-insensitive, so clients see no difference.
const (
	canonicalRateLimitLimit     = "Ratelimit-Limit"
	canonicalRateLimitRemaining = "Ratelimit-Remaining"
	canonicalRateLimitReset     = "Ratelimit-Reset"
)

// RateLimitError returns the error a denied decision is answered with: the
// contract's [apierr.RateLimited] code (Nexpay v2: 429 [GEN9429]) with
// Retry-After and RateLimit-Reset in whole seconds (rounded up, at least
// 1), RateLimit-Limit and RateLimit-Remaining. It returns nil when d allows
// the request.
func RateLimitError(c apierr.Contract, d RateDecision) *apierr.Error {
	if d.Allowed {
		return nil
	}
	if c == nil {
		c = apierr.Nexpay
	}
	e := apierr.NewRetryAfter(c.Code(apierr.RateLimited), d.Wait)
	if d.Limit > 0 {
		e.WithHeader(canonicalRateLimitLimit, strconv.Itoa(d.Limit))
	}
	return e.WithHeader(canonicalRateLimitRemaining, strconv.Itoa(max(d.Remaining, 0))).
		WithHeader(canonicalRateLimitReset, strconv.Itoa(int(e.RetryAfter()/time.Second)))
}

// RateLimitError asks the set's limiter about r, keyed by the set's rate
// key, then, when the key is not r's client IP, the IP's limiter (see
// [WithRateLimit] and [WithIPRateLimit]), and returns [RateLimitError] of
// the first denial: nil when r may pass or no limiter is configured. A
// request [WithRateLimitExempt] exempts is not counted against its IP.
func (s *Set) RateLimitError(r *http.Request) *apierr.Error {
	if s.limiter == nil && s.ipLimiter == nil {
		return nil
	}
	ctx := r.Context()
	key := ""
	ip := clientIP(r.RemoteAddr)
	if s.limiter != nil {
		key = s.rateKey(r)
		if key == ip && s.ipExempted(r) {
			return nil
		}
		if e := RateLimitError(s.contract, s.limiter.Allow(ctx, key)); e != nil {
			return e
		}
	}
	ipl := s.ipLimiter
	if ipl == nil && !s.customKey {
		ipl = s.limiter
	}
	if ipl == nil || ip == key || s.ipExempted(r) {
		return nil
	}
	return RateLimitError(s.contract, ipl.Allow(ctx, ip))
}

// RateLimit answers requests over the limit of the set's [Limiter] (see
// [WithRateLimit]) with [RateLimitError]. Allowed requests get no header;
// counted by IP address they cost no allocation, by API key one (the
// bucket's name, after [RateKeyPrefix]).
func (s *Set) RateLimit(next http.Handler) http.Handler {
	if s.limiter == nil && s.ipLimiter == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if e := s.RateLimitError(r); e != nil {
			s.Respond(w, r, e)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// MaxRateKeyLen is the longest API key [DefaultRateKey] counts by; a
// longer one is ignored.
const MaxRateKeyLen = 128

// RateKeyPrefix starts the rate-limit key of a client named by its API key
// ([DefaultRateKey], [CryptopayRateKey]), so that a key and an IP address,
// which name their clients unprefixed, never share a bucket.
const RateKeyPrefix = "key:"

// DefaultRateKey names the client of r: its API key (the X-Api-Key header,
// else an "Authorization: ApiKey <key>" header) after [RateKeyPrefix]
// ("key:pk_live_1"), else its IP address from r.RemoteAddr. A client can make up API keys: the set counts a request
// that claims one against its IP too (see [WithRateLimit]); better, give
// [WithRateKey] a key your authentication vouches for. Behind a proxy,
// r.RemoteAddr is the proxy's unless the proxy's middleware rewrites it.
func DefaultRateKey(r *http.Request) string {
	if v := r.Header["X-Api-Key"]; len(v) > 0 && v[0] != "" && len(v[0]) <= MaxRateKeyLen {
		return RateKeyPrefix + v[0]
	}
	if v := r.Header["Authorization"]; len(v) > 0 {
		if a := v[0]; len(a) > 7 && len(a) <= 7+MaxRateKeyLen && strings.EqualFold(a[:7], "ApiKey ") {
			return RateKeyPrefix + a[7:]
		}
	}
	return clientIP(r.RemoteAddr)
}

func clientIP(addr string) string {
	if i := strings.LastIndexByte(addr, ':'); i >= 0 && strings.IndexByte(addr[i:], ']') < 0 {
		addr = addr[:i]
	}
	return strings.TrimSuffix(strings.TrimPrefix(addr, "["), "]")
}
