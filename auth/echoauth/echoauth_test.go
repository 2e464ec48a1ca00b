package echoauth_test

import (
	"io"
	"log/slog"
	"net/http"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/auth/echoauth"
	"github.com/errkit/errkit/auth/internal/doortest"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echomw"
)

func TestDoor(t *testing.T) {
	doortest.Run(t, func(t *testing.T, c apierr.Contract, checker auth.Checker) http.Handler {
		return newServer(t, c, checker, slog.New(slog.DiscardHandler))
	})
}

// No secret, signature or nonce reaches a log record or a body.
func TestNoSecretsLeak(t *testing.T) { doortest.Leaks(t, newServer) }

func newServer(t *testing.T, c apierr.Contract, checker auth.Checker, log *slog.Logger) http.Handler {
	e := echo.New()
	echomw.Install(e, middleware.WithContract(c), middleware.WithLogger(log))
	e.POST("/v1/payouts", func(ec echo.Context) error {
		b, err := io.ReadAll(ec.Request().Body)
		if err != nil {
			return err
		}
		return ec.String(http.StatusCreated, auth.KeyFrom(ec.Request().Context())+" "+string(b))
	}, echoauth.Middleware(checker))
	return e
}
