package middleware

import "net/http"

// beneath calls f with w, then with each writer w wraps and unwraps to
// (the idempotency middleware's capture, a compression writer, a router's
// status recorder), until f returns true or none lies beneath.
func beneath(w http.ResponseWriter, f func(http.ResponseWriter) bool) {
	for range 16 { // a bound, against a wrapper that unwraps to itself
		if f(w) {
			return
		}
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return
		}
		w = u.Unwrap()
	}
}

// guardOf returns the guarded writer w is, or that w wraps and unwraps
// to, or nil: so that a response committed through a wrapper is known
// committed, and answered once.
func guardOf(w http.ResponseWriter) *responseWriter {
	var g *responseWriter
	beneath(w, func(w http.ResponseWriter) bool {
		g, _ = w.(*responseWriter)
		return g != nil
	})
	return g
}

// enclosingSet returns the set guarding w, or the writer w wraps and
// unwraps to, so that a handler behind such a wrapper answers in the
// contract of the Set around it; def when no guarded writer lies beneath.
func enclosingSet(w http.ResponseWriter, def *Set) *Set {
	if g := guardOf(w); g != nil && g.set != nil {
		return g.set
	}
	return def
}
