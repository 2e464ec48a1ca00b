package ginauth_test

import (
	"io"
	"log/slog"
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/auth/ginauth"
	"github.com/errkit/errkit/auth/internal/doortest"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/ginmw"
)

func TestDoor(t *testing.T) {
	doortest.Run(t, func(t *testing.T, c apierr.Contract, checker auth.Checker) http.Handler {
		return newServer(t, c, checker, slog.New(slog.DiscardHandler))
	})
}

// No secret, signature or nonce reaches a log record or a body.
func TestNoSecretsLeak(t *testing.T) { doortest.Leaks(t, newServer) }

func newServer(t *testing.T, c apierr.Contract, checker auth.Checker, log *slog.Logger) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	ginmw.Install(e, middleware.WithContract(c), middleware.WithLogger(log))
	e.POST("/v1/payouts", ginauth.Middleware(checker), func(gc *gin.Context) {
		b, err := io.ReadAll(gc.Request.Body)
		if err != nil {
			_ = gc.Error(err)
			return
		}
		gc.String(http.StatusCreated, auth.KeyFrom(gc.Request.Context())+" "+string(b))
	})
	return e
}
