package middleware

import (
	"context"
	"math"
	"net/http"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"github.com/errkit/errkit/apierr"
)

// A MaintenanceState tells whether the service is under maintenance and
// until when. [Switch] is the in-memory one; a fleet implements it over a
// shared store (and caches: it is read on every request).
type MaintenanceState interface {
	// MaintenanceUntil reports whether maintenance is on and when it ends;
	// a zero until with on true means the end is unknown.
	MaintenanceUntil(ctx context.Context) (until time.Time, on bool)
}

// UnknownEndRetryAfter is the Retry-After of the maintenance answer while
// the end of maintenance is unknown: a [MaintenanceState] reports it on
// with a zero time.
const UnknownEndRetryAfter = 60 * time.Second

// maxUntil is the latest end a [Switch] holds (in the year 2262): later
// ones are clamped to it.
var maxUntil = time.Unix(0, math.MaxInt64)

// A Switch is the in-memory [MaintenanceState]: off until turned on, on
// until a time. It is safe for concurrent use; the zero Switch is off.
type Switch struct {
	until atomic.Int64 // Unix nanoseconds; 0 = off
}

// On turns maintenance on until the given time; a time past the year
// 2262 (time.Date(9999, ...)) is clamped to it, and one before 1970 leaves
// maintenance off.
func (s *Switch) On(until time.Time) {
	var n int64
	switch {
	case !until.Before(maxUntil):
		n = math.MaxInt64
	case until.Unix() <= 0:
		n = 1 // in the past: off, but not the zero "off" a reader skips
	default:
		n = until.UnixNano()
	}
	s.until.Store(n)
}

// OnFor turns maintenance on for d from now; a huge d is clamped as by
// [Switch.On].
func (s *Switch) OnFor(d time.Duration) { s.On(time.Now().Add(d)) }

// Off turns maintenance off.
func (s *Switch) Off() { s.until.Store(0) }

// MaintenanceUntil reports whether maintenance is on and when it ends; it is
// off once its end has passed.
func (s *Switch) MaintenanceUntil(context.Context) (time.Time, bool) {
	n := s.until.Load()
	if n == 0 {
		return time.Time{}, false
	}
	until := time.Unix(0, n)
	if !time.Now().Before(until) {
		return time.Time{}, false
	}
	return until, true
}

// DefaultExemptPaths are the paths served during maintenance by default, as
// the Nexpay v2 contract says: health checks, webhook subscriptions and
// payment-gateway callbacks.
var DefaultExemptPaths = []string{
	"/health", "/healthz", "/livez", "/readyz",
	"/webhooks", "/webhook",
	"/gateway/callback", "/gateway/callbacks", "/gateway/webhooks",
}

// DefaultExempt reports whether r is served during maintenance by default:
// its path is one of [DefaultExemptPaths] or below one, directly or after a
// version segment ("/v2/webhooks/subscriptions" is exempt).
var DefaultExempt = ExemptPaths(DefaultExemptPaths...)

// ExemptPaths returns a predicate true for requests whose path is one of
// paths or below one ("/webhooks" covers "/webhooks/stripe", not
// "/webhooksx"), directly or after one version segment such as "/v2".
func ExemptPaths(paths ...string) func(*http.Request) bool {
	ps := make([]string, 0, len(paths))
	for _, p := range paths {
		if p = strings.TrimRight(p, "/"); p != "" {
			if p[0] != '/' {
				p = "/" + p
			}
			ps = append(ps, p)
		}
	}
	return func(r *http.Request) bool {
		// Cleaned, so that "/webhooks/../v2/payments" is not exempt
		// behind a router that cleans paths; Clean allocates only for
		// paths that need it.
		p := path.Clean(r.URL.Path)
		if under(p, ps) {
			return true
		}
		if len(p) > 2 && p[1] == 'v' && p[2] >= '0' && p[2] <= '9' {
			i := 2
			for i < len(p) && p[i] >= '0' && p[i] <= '9' {
				i++
			}
			if i < len(p) && p[i] == '/' {
				return under(p[i:], ps)
			}
		}
		return false
	}
}

func under(p string, prefixes []string) bool {
	for _, pre := range prefixes {
		if strings.HasPrefix(p, pre) && (len(p) == len(pre) || p[len(pre)] == '/') {
			return true
		}
	}
	return false
}

// MaintenanceError returns the error r is answered with while maintenance
// is on: the contract's [apierr.Maintenance] code (Nexpay v2: 503
// [GEN9013]) with Retry-After in whole seconds until the end, rounded up,
// at least 1, or [UnknownEndRetryAfter] when the state reports no end (a
// zero time). It returns nil when r may pass: maintenance is off, its end
// has passed, or r is exempt.
func (s *Set) MaintenanceError(r *http.Request) *apierr.Error {
	if s.sw != nil && s.sw.until.Load() == 0 {
		return nil // the in-memory switch is off: the common case, made cheap
	}
	until, on := s.maintenance.MaintenanceUntil(r.Context())
	if !on {
		return nil
	}
	d := UnknownEndRetryAfter
	if !until.IsZero() {
		d = time.Until(until)
	}
	if d <= 0 || s.exempt(r) {
		return nil
	}
	return apierr.NewRetryAfter(s.contract.Code(apierr.Maintenance), d)
}

// Maintenance answers every request not exempt with [Set.MaintenanceError]
// while maintenance is on. Turn it on and off with [Set.Switch] or through
// the [MaintenanceState] of [WithMaintenance].
func (s *Set) Maintenance(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if e := s.MaintenanceError(r); e != nil {
			s.Respond(w, r, e)
			return
		}
		next.ServeHTTP(w, r)
	})
}
