package auth_test

import (
	"io"
	"log/slog"
	"net/http"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/auth/internal/doortest"
	"github.com/errkit/errkit/middleware"
)

// The net/http door, through a ServeMux inside middleware.Wrap: the
// checks every framework door passes.
func TestDoor(t *testing.T) {
	doortest.Run(t, func(t *testing.T, c apierr.Contract, checker auth.Checker) http.Handler {
		return newDoor(t, c, checker, slog.New(slog.DiscardHandler))
	})
}

// No secret, signature or nonce reaches a log record or a body.
func TestNoSecretsLeak(t *testing.T) { doortest.Leaks(t, newDoor) }

func newDoor(t *testing.T, c apierr.Contract, checker auth.Checker, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /v1/payouts", auth.Middleware(checker)(middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return err
		}
		w.WriteHeader(http.StatusCreated)
		_, err = io.WriteString(w, auth.KeyFrom(r.Context())+" "+string(b))
		return err
	})))
	return middleware.Wrap(mux, middleware.WithContract(c), middleware.WithLogger(log))
}
