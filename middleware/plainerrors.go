package middleware

import (
	"net/http"

	"github.com/errkit/errkit/apierr"
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
func (s *Set) PlainErrors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ww, prev, owned := enter(w, r, s)
		defer leave(ww, prev, owned)
		router := ww.router
		ww.router = true
		defer func() { ww.router = router }()
		next.ServeHTTP(ww, r)
		answerHeld(ww, r)
	})
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
