package middleware

import (
	"net/http"
	"path"
	"strings"

	"github.com/errkit/errkit/apierr"
)

// Reasons a request target is refused, in the detail "reason" of
// [Set.TargetError]'s answer.
const (
	ReasonPathNotClean = "path_not_clean" // empty, "." or ".." segments
	ReasonAsteriskForm = "asterisk_form"  // "*", which only OPTIONS may send
)

// TargetError returns the error r is answered with when its target names
// no resource a router should look up: a path that is not clean (an empty,
// "." or ".." segment, decoded: "%2e%2e" counts) or the asterisk-form "*"
// (net/http answers OPTIONS * itself). It is the contract's
// [apierr.NotFound] code (Nexpay v2: 404 [GEN9404]) with the detail
// "reason", [ReasonPathNotClean] or [ReasonAsteriskForm]. It returns nil
// for any other request, and for CONNECT, whose target is an authority.
//
// A ServeMux would redirect the first (an HTML 307 that keeps a POST and
// its body, sent before any handler authenticates) and answer the second
// with a bare 400; other routers match the raw path, or redirect too.
// Answering both in the contract, before routing, makes every door agree.
func (s *Set) TargetError(r *http.Request) *apierr.Error {
	p := r.URL.Path
	if r.Method == http.MethodConnect || cleanPath(p) == p {
		return nil
	}
	reason := ReasonPathNotClean
	if p == "*" {
		reason = ReasonAsteriskForm
	}
	return apierr.New(s.contract.Code(apierr.NotFound)).With("reason", reason)
}

// cleanPath is the path a ServeMux routes p to: rooted, without empty,
// "." or ".." segments, a trailing slash kept.
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	if p[0] != '/' {
		p = "/" + p
	}
	np := path.Clean(p)
	if p[len(p)-1] == '/' && np != "/" {
		if len(p) == len(np)+1 && strings.HasPrefix(p, np) {
			return p
		}
		np += "/"
	}
	return np
}

// CleanTargets answers every request whose target is not a clean path, or
// is "*", with [Set.TargetError], before next (a router) can redirect it
// or answer it outside the contract. [Set.Wrap] includes it.
func (s *Set) CleanTargets(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if e := s.TargetError(r); e != nil {
			s.Respond(w, r, e)
			return
		}
		next.ServeHTTP(w, r)
	})
}
