package echoidempotency_test

import (
	"net/http"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echomw"
	"github.com/errkit/errkit/middleware/idempotency"
	"github.com/errkit/errkit/middleware/idempotency/echoidempotency"
	"github.com/errkit/errkit/middleware/idempotency/internal/doorcheck"
)

// The echo v4 door answers in echomw's contract, whatever Config.Contract
// says.
func TestDoorContract(t *testing.T) {
	doorcheck.Run(t, func(t *testing.T, cfg idempotency.Config, opts ...middleware.Option) http.Handler {
		e := echo.New()
		echomw.Install(e, opts...)
		mw, err := echoidempotency.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		e.POST("/v2/payments", func(c echo.Context) error { return c.NoContent(http.StatusCreated) }, mw)
		return e
	})
}
