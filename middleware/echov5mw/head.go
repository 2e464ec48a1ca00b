package echov5mw

import (
	"github.com/errkit/errkit/middleware/internal/allow"
	"net/http"

	"github.com/labstack/echo/v5"
)

// headAsGet reports whether c, failed by the router with 405, is for a
// path whose GET route also answers HEAD: the Allow header lists GET and not HEAD, and e's router
// (RouterConfig.AutoHandleHEAD) routes a HEAD request there. The router is asked on the 405 path only, in a context
// of e's pool.
func headAsGet(c *echo.Context) bool {
	r := c.Request()
	methods, _ := c.Get(echo.ContextKeyHeaderAllow).(string)
	if r.Method == http.MethodHead || !allow.Has(methods, http.MethodGet) || allow.Has(methods, http.MethodHead) {
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
