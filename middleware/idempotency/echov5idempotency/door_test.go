package echov5idempotency_test

import (
	"net/http"
	"testing"

	"github.com/labstack/echo/v5"

	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echov5mw"
	"github.com/errkit/errkit/middleware/idempotency"
	"github.com/errkit/errkit/middleware/idempotency/echov5idempotency"
	"github.com/errkit/errkit/middleware/idempotency/internal/doorcheck"
)

// The echo v5 door answers in echov5mw's contract, whatever
// Config.Contract says.
func TestDoorContract(t *testing.T) {
	doorcheck.Run(t, func(t *testing.T, cfg idempotency.Config, opts ...middleware.Option) http.Handler {
		e := echo.New()
		echov5mw.Install(e, opts...)
		mw, err := echov5idempotency.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		e.POST("/v2/payments", func(c *echo.Context) error { return c.NoContent(http.StatusCreated) }, mw)
		return e
	})
}
