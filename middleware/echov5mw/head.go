package echov5mw

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v5"
)

// headAsGet reports whether c, failed by the router with 405, is for a
// path whose GET route also answers HEAD: the Allow header lists GET and
// not HEAD, and e's router (RouterConfig.AutoHandleHEAD) routes a HEAD
// request there. The router is asked on the 405 path only, in a context
// of e's pool.
func headAsGet(c *echo.Context) bool {
	r := c.Request()
	allow, _ := c.Get(echo.ContextKeyHeaderAllow).(string)
	if r.Method == http.MethodHead || !hasMethod(allow, http.MethodGet) || hasMethod(allow, http.MethodHead) {
		return false
	}
	e := c.Echo()
	pc := e.AcquireContext()
	defer e.ReleaseContext(pc)
	head := *r
	head.Method = http.MethodHead
	pc.Reset(&head, nil)
	e.Router().Route(pc)
	name := pc.RouteInfo().Name
	return name != echo.MethodNotAllowedRouteName && name != echo.NotFoundRouteName
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

// allowHead adds HEAD to the Allow header of a 405 when it lists GET.
func allowHead(h http.Header) {
	v := h["Allow"]
	if len(v) == 1 && hasMethod(v[0], http.MethodGet) && !hasMethod(v[0], http.MethodHead) {
		h["Allow"] = []string{v[0] + ", " + http.MethodHead}
	}
}
