package middleware

import (
	"net/http"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware/internal/allow"
)

// PlainErrors replaces the plain answers of routers and of [http.Error]
// with the contract's body:
//
//   - a 404 or 405 sent as text/plain (what [http.ServeMux] and
//     [http.NotFound] send), or with no Content-Type when no route
//     matched (r.Pattern is "", as chi's bare 405 leaves it), becomes the
//     contract's [apierr.NotFound] or [apierr.MethodNotAllowed] code
//     (Nexpay v2: [GEN9404], [GEN9405]); the Allow header set is kept;
//   - any other error status sent as text/plain (http.Error(w,
//     err.Error(), 500), http.FileServer's answers) becomes the
//     contract's code for the status, and the text, which may quote a
//     cause, is dropped.
//
// A handler's own error body passes untouched: one with a Content-Type
// other than text/plain, or a 404/405 with none written by a matched
// route's handler. Behind nested sets, the innermost set's contract
// answers.
//
// With [WithHeadAsGet], a HEAD request next refuses with a plain 405
// whose Allow header lists GET is served again through next as GET, with
// the response headers as they were before the first pass; a 405's Allow
// then lists HEAD beside GET.
func (s *Set) PlainErrors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ww, prev, owned := enter(w, r, s)
		defer leave(ww, prev, owned)
		router := ww.router
		ww.router = true
		defer func() { ww.router = router }()
		var before http.Header
		if s.headAsGet && r.Method == http.MethodHead {
			before = ww.Header().Clone()
		}
		next.ServeHTTP(ww, r)
		if before != nil && ww.held == http.StatusMethodNotAllowed && allow.Has(ww.Header().Get("Allow"), http.MethodGet) {
			serveAsGet(ww, r, next, before)
		}
		if s.headAsGet && ww.held == http.StatusMethodNotAllowed {
			allow.AddHead(ww.Header())
		}
		answerHeld(ww, r)
	})
}

// serveAsGet serves r, a HEAD request next refused with a plain 405, again
// through next as GET: the held 405 and the headers the first pass set are
// dropped. The server the response goes to knows the request is HEAD and
// sends no body.
func serveAsGet(ww *responseWriter, r *http.Request, next http.Handler, before http.Header) {
	h := ww.Header()
	clear(h)
	for k, v := range before {
		h[k] = v
	}
	ww.held, ww.heldBy = 0, nil
	get := r.Clone(r.Context())
	get.Method = http.MethodGet
	req := ww.req
	ww.req = get
	defer func() { ww.req = req }()
	next.ServeHTTP(ww, get)
}

// answerHeld answers the plain error answer ww holds back, if any, with the
// contract's code for its status, through the set that guarded ww when the
// handler sent it. It runs when the handler returns, and before any other
// answer: the plain answer came first.
func answerHeld(ww *responseWriter, r *http.Request) {
	if ww.held == 0 {
		return
	}
	status, s := ww.held, ww.heldBy
	ww.held, ww.heldBy = 0, nil
	s.Respond(ww, r, routeError(status))
}

// NotFound is a handler answering the contract's [apierr.NotFound] code,
// for routers that take one (chi's NotFound).
func (s *Set) NotFound(w http.ResponseWriter, r *http.Request) {
	s.Respond(w, r, routeError(http.StatusNotFound))
}

func routeError(status int) error {
	return apierr.NewCondition(apierr.ConditionForStatus(status))
}
