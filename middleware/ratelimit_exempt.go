package middleware

import "net/http"

// WithRateLimitExempt sets the predicate of the requests that are not
// counted against their client IP: neither by the limiter of
// [WithIPRateLimit] nor by that of [WithRateLimit] when the rate key is
// the IP (no API key). A request that names an API key is still counted
// against the key. The default is the maintenance exemption
// ([WithMaintenanceExempt], [DefaultExempt]): health checks, webhooks and
// gateway callbacks come from load balancers and providers that share an
// address and must not be turned away by the limit meant for one client.
// nil counts every request against its IP.
func WithRateLimitExempt(f func(*http.Request) bool) Option {
	return func(s *Set) {
		s.ipExempt = f
		s.ipExemptSet = true
	}
}

// ipExempted reports whether r is not counted against its client IP.
func (s *Set) ipExempted(r *http.Request) bool {
	if !s.ipExemptSet {
		return s.exempt(r)
	}
	return s.ipExempt != nil && s.ipExempt(r)
}
