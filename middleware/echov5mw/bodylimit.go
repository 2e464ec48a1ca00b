package echov5mw

import (
	"net/http"

	"github.com/errkit/errkit/internal/jsonbody"
	"github.com/labstack/echo/v5"
)

// BodyLimit returns echo middleware that limits request bodies to n bytes,
// answering as the validation package and [middleware.Classify] do for a
// body past its limit
// ([apierr.TooLarge], 413, with the limit in its details): a request whose
// Content-Length says more fails at once; a body longer than its
// Content-Length says fails the handler reading it with an
// *http.MaxBytesError, which [Classify] answers alike. Echo's own
// middleware.BodyLimit answers the same code without the limit.
func BodyLimit(n int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			r := c.Request()
			if r.ContentLength > n {
				return jsonbody.Classify(&http.MaxBytesError{Limit: n})
			}
			if r.Body != nil && r.Body != http.NoBody {
				r.Body = http.MaxBytesReader(c.Response(), r.Body, n)
			}
			return next(c)
		}
	}
}
