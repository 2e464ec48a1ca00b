package echomw

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// HeadAsGet is an echo pre-middleware (e.Pre) that answers HEAD like GET,
// as net/http's ServeMux does (RFC 9110, 9.3.2): a HEAD request to a path
// with a GET route and no HEAD route is served by the GET route, its body
// discarded. [Set.Install] adds it; [Set.Handler] does the same in front of
// echo. Echo's router reads the method before any middleware that runs
// after routing, hence a pre-middleware: it sets the request's method to
// GET for the handler and back to HEAD before returning.
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
	router := e.Router()
	if rs := e.Routers(); len(rs) > 0 {
		if hr, ok := rs[r.Host]; ok {
			router = hr
		}
	}
	c := e.AcquireContext()
	defer e.ReleaseContext(c)
	c.Reset(r, nil)
	router.Find(http.MethodHead, echo.GetPath(r), c)
	allow, _ := c.Get(echo.ContextKeyHeaderAllow).(string)
	return hasMethod(allow, http.MethodGet)
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
