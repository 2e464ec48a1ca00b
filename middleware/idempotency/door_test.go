package idempotency_test

import (
	"net/http"
	"testing"

	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/idempotency"
	"github.com/errkit/errkit/middleware/idempotency/internal/doorcheck"
)

// The net/http door answers in the enclosing set's contract, whatever
// Config.Contract says.
func TestDoorContract(t *testing.T) {
	doorcheck.Run(t, func(t *testing.T, cfg idempotency.Config, opts ...middleware.Option) http.Handler {
		m, err := idempotency.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		mux := http.NewServeMux()
		mux.Handle("POST /v2/payments", m.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusCreated)
		})))
		return middleware.Wrap(mux, opts...)
	})
}
