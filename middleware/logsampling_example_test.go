package middleware_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/errkit/errkit/middleware"
)

// A flood of 4xx: the first 3 records of each code per minute are logged;
// every 5xx is.
func ExampleWithLogSampling() {
	// A logger that shows only the message, the code and the status.
	keep := map[string]bool{slog.MessageKey: true, "code": true, "status": true}
	log := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if !keep[a.Key] {
				return slog.Attr{}
			}
			return a
		},
	}))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v2/broken", func(http.ResponseWriter, *http.Request) { panic("ledger unreachable") })
	h := middleware.Wrap(mux, middleware.WithLogger(log), middleware.WithLogSampling(3, time.Minute))

	for range 100 {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/v2/nothing", nil))
	}
	for range 2 {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/v2/broken", nil))
	}
	// Output:
	// msg="request failed" code=GEN9404 status=404
	// msg="request failed" code=GEN9404 status=404
	// msg="request failed" code=GEN9404 status=404
	// msg="request failed" code=GEN9001 status=500
	// msg="request failed" code=GEN9001 status=500
}
