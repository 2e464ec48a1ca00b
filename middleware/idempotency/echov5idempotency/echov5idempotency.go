// Package echov5idempotency is the echo v5 door of the idempotency middleware:
// repeated Idempotency-Keys answered per contract, for echo v5 servers.
//
// Unlike wrapping the net/http middleware with echo.WrapMiddleware, it runs
// echo's HTTPErrorHandler inside the capture, so the error a handler returns
// is stored and replayed like any other response.
package echov5idempotency

import (
	"net/http"

	"github.com/labstack/echo/v5"

	"github.com/errkit/errkit/middleware/idempotency"
)

// New returns echo middleware for cfg (see [idempotency.Config]), or an
// error if cfg is invalid.
func New(cfg idempotency.Config) (echo.MiddlewareFunc, error) {
	m, err := idempotency.New(cfg)
	if err != nil {
		return nil, err
	}
	return Middleware(m), nil
}

// Middleware returns echo middleware running m. A request m does not cover
// goes straight to the handler at no cost. For one it covers, the handler
// runs, and an error it returns goes to the server's HTTPErrorHandler,
// against a response that m captures; the middleware then returns nil,
// the error being answered. m's own failures (a key in progress or reused,
// a malformed key) are returned, for the HTTPErrorHandler to answer: the
// error handler of package echov5mw answers them in its contract; echo's
// default one knows nothing of them and answers 500.
func Middleware(m *idempotency.Middleware) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			r := c.Request()
			if !m.Covers(r) {
				return next(c)
			}
			res := c.Response()
			return m.ServeError(res, r, func(w http.ResponseWriter, r *http.Request) {
				c.SetRequest(r)
				c.SetResponse(echo.NewResponse(w, c.Echo().Logger))
				defer c.SetResponse(res)
				if err := next(c); err != nil {
					c.Echo().HTTPErrorHandler(c, err)
				}
			})
		}
	}
}
