package middleware_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/errkit/errkit/middleware"
)

// A request without an X-Request-Id of its own gets the trace ID of the
// set's trace source as its request ID; here a fixed one stands in for
// the active span that package telemetry reads.
func ExampleWithTraceSource() {
	span := func(*http.Request) (string, bool) { return "0af7651916cd43dd8448eb211c80319c", true }
	h := middleware.Wrap(http.NewServeMux(),
		middleware.WithTraceSource(span),
		middleware.WithLogger(slog.New(slog.DiscardHandler)))

	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/v2/nothing", nil))
	fmt.Println(w.Header().Get("X-Request-Id"))

	r := httptest.NewRequest("GET", "/v2/nothing", nil)
	r.Header.Set("X-Request-Id", "req-7d3f1c2a") // the client's own is kept
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Header().Get("X-Request-Id"))
	// Output:
	// 0af7651916cd43dd8448eb211c80319c
	// req-7d3f1c2a
}

// Set.SetRequestID is for other doors: it chooses a request's ID as the
// set does, reading the set's trace source.
func ExampleSet_SetRequestID() {
	s := middleware.New(middleware.WithTraceSource(func(*http.Request) (string, bool) {
		return "0af7651916cd43dd8448eb211c80319c", true
	}))
	r := httptest.NewRequest("GET", "/v2/payments/42", nil)
	h := make(http.Header)
	s.SetRequestID(h, r)
	fmt.Println(h.Get("X-Request-Id"), middleware.RequestIDFrom(r))
	// Output: 0af7651916cd43dd8448eb211c80319c 0af7651916cd43dd8448eb211c80319c
}
