package middleware

import "net/http"

// enclosingSet returns the set guarding the writer that w wraps, when w
// is not a guarded writer itself but a wrapper that unwraps to one (the
// idempotency middleware's capture, a compression writer), so that a
// handler behind such a wrapper answers in the contract of the Set around
// it; def when no guarded writer lies beneath.
func enclosingSet(w http.ResponseWriter, def *Set) *Set {
	if _, ok := w.(*responseWriter); ok {
		return def // guard keeps w and its set
	}
	for range 16 { // a bound, against a wrapper that unwraps to itself
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return def
		}
		w = u.Unwrap()
		if g, ok := w.(*responseWriter); ok && g.set != nil {
			return g.set
		}
	}
	return def
}
