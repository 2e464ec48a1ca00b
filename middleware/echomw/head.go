package echomw

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// HeadAsGet is an echo pre-middleware (e.Pre) that answers HEAD like GET,
// as net/http's ServeMux does (RFC 9110, 9.3.2): a HEAD request to a path
// with a GET route and no HEAD route is routed to the GET route, once, and
// its answer, error included, is sent without its body. The request's
// method is GET for e's middleware and the handler, and HEAD again for
// the error handler. [Install] sets it; other requests only pass through.
func HeadAsGet(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if !headAsGet(c.Echo(), r) {
			return next(c)
		}
		// The body is dropped until echo releases the context, so that an
		// error the handler returns is answered without one too.
		res := c.Response()
		res.Writer = headWriter{res.Writer}
		r.Method = http.MethodGet
		defer func() { r.Method = http.MethodHead }()
		return next(c)
	}
}

// headAsGet reports whether r is a HEAD request that e routes to no route
// of its own but would route as GET.
func headAsGet(e *echo.Echo, r *http.Request) bool {
	return r.Method == http.MethodHead && !routes(e, r, http.MethodHead) && routes(e, r, http.MethodGet)
}

// routes reports whether e's router matches a route for method on r's
// path, running it in a context of e's pool: it does unless it answers
// 405 (it then sets the Allow header value in the context) or matches
// nothing at all (it then leaves the route path empty).
func routes(e *echo.Echo, r *http.Request, method string) bool {
	c := e.AcquireContext()
	defer e.ReleaseContext(c)
	c.Reset(r, nil)
	routerFor(e, r).Find(method, echo.GetPath(r), c)
	return c.Get(echo.ContextKeyHeaderAllow) == nil && c.Path() != ""
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

// headWriter drops the body of a HEAD request served as GET. It neither
// flushes nor unwraps: the server sends the headers when the handler
// returns, as for any HEAD answer.
type headWriter struct{ w http.ResponseWriter }

func (h headWriter) Header() http.Header         { return h.w.Header() }
func (h headWriter) WriteHeader(code int)        { h.w.WriteHeader(code) }
func (h headWriter) Write(b []byte) (int, error) { return len(b), nil }
func (h headWriter) Flush()                      {}
