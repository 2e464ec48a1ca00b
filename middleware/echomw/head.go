package echomw

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"

	"github.com/labstack/echo/v4"
)

// HeadAsGet is an echo pre-middleware (e.Pre) that answers HEAD like GET,
// as net/http's ServeMux does (RFC 9110, 9.3.2): a HEAD request to a path
// with a GET route and no HEAD route is served by the GET route, its body
// discarded. It sets the request's method to GET for the handler and back
// to HEAD before returning.
//
// [Set.ErrorHandler] (and so [Install]) already answers HEAD like GET, on
// the error path only, at no cost to other requests; HeadAsGet is the
// alternative for an echo whose error handler is not the set's. Echo runs
// pre-middleware anew on every request, at the cost of two allocations.
func HeadAsGet(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Method != http.MethodHead || !headAsGet(c.Echo(), r) {
			return next(c)
		}
		res := c.Response()
		w := res.Writer
		res.Writer = headWriter{w}
		r.Method = http.MethodGet
		defer func() {
			r.Method = http.MethodHead
			res.Writer = w
		}()
		return next(c)
	}
}

// headAsGet reports whether e routes no HEAD for r's path but a GET: its
// router would answer 405 with GET allowed.
func headAsGet(e *echo.Echo, r *http.Request) bool {
	allow, _ := route(e, r, http.MethodHead)
	return hasMethod(allow, http.MethodGet)
}

// route runs e's router for method on r's path, in a context of e's pool:
// the Allow header value its 405 would send, and whether a route matched
// (no 405, no 404).
func route(e *echo.Echo, r *http.Request, method string) (allow string, matched bool) {
	c := e.AcquireContext()
	defer e.ReleaseContext(c)
	c.Reset(r, nil)
	routerFor(e, r).Find(method, echo.GetPath(r), c)
	allow, notAllowed := c.Get(echo.ContextKeyHeaderAllow).(string)
	return allow, !notAllowed && !routerFailed(c.Handler())
}

// routerFor returns the router e uses for r's host.
func routerFor(e *echo.Echo, r *http.Request) *echo.Router {
	if rs := e.Routers(); len(rs) > 0 {
		if hr, ok := rs[r.Host]; ok {
			return hr
		}
	}
	return e.Router()
}

// headRedo marks, in its context, a HEAD request served again as GET by
// [Set.ErrorHandler]: the set's middleware has already admitted it.
type headRedo struct{}

// isHeadRedo reports whether r is a HEAD request served again as GET.
func isHeadRedo(r *http.Request) bool {
	return r.Context().Value(headRedo{}) != nil
}

// serveHeadAsGet answers c's HEAD request as GET when echo's router failed
// it (404 or 405: no HEAD route) and routes GET for its path: the request
// goes through e again as GET, e.Use middleware and path parameters
// included, and its answer is written to c's response without its body.
// It reports whether it answered.
func serveHeadAsGet(err error, c echo.Context) bool {
	r := c.Request()
	res := c.Response()
	if r.Method != http.MethodHead || res.Committed || !routerFailed(c.Handler()) ||
		!(errors.Is(err, echo.ErrMethodNotAllowed) || errors.Is(err, echo.ErrNotFound)) ||
		isHeadRedo(r) || !routesGet(c.Echo(), r) {
		return false
	}
	get := r.WithContext(context.WithValue(r.Context(), headRedo{}, true))
	get.Method = http.MethodGet
	delete(res.Header(), echo.HeaderAllow) // set by echo's 405 handler
	c.Echo().ServeHTTP(headWriter{res}, get)
	return true
}

// routerFailed reports whether h is one of the handlers echo's router
// answers with when no route matches the method and path.
func routerFailed(h echo.HandlerFunc) bool {
	p := reflect.ValueOf(h).Pointer()
	return p == reflect.ValueOf(echo.MethodNotAllowedHandler).Pointer() ||
		p == reflect.ValueOf(echo.NotFoundHandler).Pointer()
}

// routesGet reports whether e has a GET route matching r's path.
func routesGet(e *echo.Echo, r *http.Request) bool {
	_, matched := route(e, r, http.MethodGet)
	return matched
}

// hasMethod reports whether the Allow header value allow lists m.
func hasMethod(allow, m string) bool {
	for allow != "" {
		var tok string
		tok, allow, _ = strings.Cut(allow, ",")
		if strings.TrimSpace(tok) == m {
			return true
		}
	}
	return false
}

// allowHead adds HEAD to the Allow header of a 405 when it lists GET, as
// HEAD is served wherever GET is.
func allowHead(h http.Header) {
	v := h["Allow"]
	if len(v) == 1 && hasMethod(v[0], http.MethodGet) && !hasMethod(v[0], http.MethodHead) {
		h["Allow"] = []string{v[0] + ", " + http.MethodHead}
	}
}

// headWriter drops the body of a HEAD request served as GET. It neither
// flushes nor unwraps: the server sends the headers when the handler
// returns, as for any HEAD answer.
type headWriter struct{ w http.ResponseWriter }

func (h headWriter) Header() http.Header         { return h.w.Header() }
func (h headWriter) WriteHeader(code int)        { h.w.WriteHeader(code) }
func (h headWriter) Write(b []byte) (int, error) { return len(b), nil }
func (h headWriter) Flush()                      {}
