package ginidempotency_test

import (
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/ginmw"
	"github.com/errkit/errkit/middleware/idempotency"
	"github.com/errkit/errkit/middleware/idempotency/ginidempotency"
	"github.com/errkit/errkit/middleware/idempotency/internal/doorcheck"
)

// The gin door answers in ginmw's contract, whatever Config.Contract says.
func TestDoorContract(t *testing.T) {
	doorcheck.Run(t, func(t *testing.T, cfg idempotency.Config, opts ...middleware.Option) http.Handler {
		e := gin.New()
		s := ginmw.Install(e, opts...)
		mw, err := ginidempotency.New(s, cfg)
		if err != nil {
			t.Fatal(err)
		}
		e.POST("/v2/payments", mw, func(c *gin.Context) { c.Status(http.StatusCreated) })
		return e
	})
}
