package middleware

import (
	"net/http"

	"github.com/errkit/errkit/apierr"
)

// RouteErrors replaces the router's own plain-text answers: a 404 or 405
// sent with no Content-Type or a text/plain one (what [http.ServeMux],
// [http.NotFound] and chi send) becomes the contract's [apierr.NotFound]
// or [apierr.MethodNotAllowed] body (Nexpay v2: [GEN9404], [GEN9405]). The
// Allow header the router set is kept. A handler's own JSON 404 passes.
func (s *Set) RouteErrors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ww, owned := guard(w, r, s)
		if owned {
			defer release(ww)
		}
		ww.router = true
		next.ServeHTTP(ww, r)
	})
}

// NotFound is a handler answering the contract's [apierr.NotFound] code,
// for routers that take one (chi's NotFound).
func (s *Set) NotFound(w http.ResponseWriter, r *http.Request) {
	s.Respond(w, r, routeError(http.StatusNotFound))
}

func routeError(status int) error {
	if status == http.StatusMethodNotAllowed {
		return apierr.NewCondition(apierr.MethodNotAllowed)
	}
	return apierr.NewCondition(apierr.NotFound)
}
