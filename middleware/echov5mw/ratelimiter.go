package echov5mw

import (
	"time"

	"github.com/errkit/errkit/middleware"
	"github.com/labstack/echo/v5"
)

// DenyHandler adapts echo's own middleware.RateLimiter: set it as
// RateLimiterConfig.DenyHandler, with the rate (requests per second) and
// burst of the store, and a denial is answered like [Set.RateLimit]'s, in
// the set's contract: 429 with Retry-After and the RateLimit-* headers,
// the wait being one token's refill time (echo's store does not tell
// more).
//
//	e.Use(echomiddleware.RateLimiterWithConfig(echomiddleware.RateLimiterConfig{
//		Store:       echomiddleware.NewRateLimiterMemoryStore(10),
//		DenyHandler: s.DenyHandler(10, 10),
//	}))
func (s *Set) DenyHandler(rate float64, burst int) func(*echo.Context, string, error) error {
	wait := time.Second
	if rate > 0 {
		wait = time.Duration(float64(time.Second) / rate)
	}
	return func(_ *echo.Context, _ string, err error) error {
		e := middleware.RateLimitError(s.Contract(), middleware.RateDecision{Wait: wait, Limit: burst})
		if err != nil {
			e.WithCause(err)
		}
		return e
	}
}
