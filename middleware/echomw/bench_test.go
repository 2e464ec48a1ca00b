package echomw_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echomw"
	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"
)

// discard is a reusable ResponseWriter, so that the benchmarks measure the
// middleware rather than a recorder.
type discard struct {
	h    http.Header
	code int
}

func (w *discard) Header() http.Header         { return w.h }
func (w *discard) Write(b []byte) (int, error) { return len(b), nil }
func (w *discard) WriteHeader(code int)        { w.code = code }

func run(b *testing.B, h http.Handler, r *http.Request, genID bool, status int) {
	w := &discard{h: make(http.Header)}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		clear(w.h)
		if genID {
			delete(r.Header, middleware.RequestIDHeader)
		}
		h.ServeHTTP(w, r)
	}
	if w.code != status {
		b.Fatalf("status %d, want %d", w.code, status)
	}
}

func benchOpts() []middleware.Option {
	return []middleware.Option{
		middleware.WithLogger(slog.New(slog.DiscardHandler)),
		middleware.WithRateLimit(middleware.NewTokenBucket(rate.Inf, 1, 0)),
	}
}

func benchReq(path string) *http.Request {
	r := httptest.NewRequest("GET", path, nil)
	r.Header.Set("X-Request-Id", "req-7d3f1c2a")
	r.Header.Set("X-Api-Key", "pk_live_bench")
	return r
}

func echoOK(c echo.Context) error {
	c.Response().Header()["Content-Type"] = []string{"application/json"}
	c.Response().WriteHeader(200)
	_, err := io.WriteString(c.Response(), `{"id":"42","status":"settled"}`)
	return err
}

func muxOK(w http.ResponseWriter, r *http.Request) {
	w.Header()["Content-Type"] = []string{"application/json"}
	w.WriteHeader(200)
	_, _ = io.WriteString(w, `{"id":"42","status":"settled"}`)
}

// BenchmarkSuccess compares the success path of the whole set (request ID,
// recover, maintenance, rate limit, route errors) with bare echo (alone and
// with one pass-through middleware of e.Use) and a bare ServeMux serving
// the same handler.
func BenchmarkSuccess(b *testing.B) {
	bare := echo.New()
	bare.GET("/v2/payments/:id", echoOK)
	bareUse := echo.New()
	bareUse.Use(func(next echo.HandlerFunc) echo.HandlerFunc { return func(c echo.Context) error { return next(c) } })
	bareUse.GET("/v2/payments/:id", echoOK)
	full := echo.New()
	echomw.Install(full, benchOpts()...)
	full.GET("/v2/payments/:id", echoOK)
	fronted := echo.New()
	fs := echomw.New(benchOpts()...)
	fronted.HTTPErrorHandler = fs.ErrorHandler
	fronted.GET("/v2/payments/:id", echoOK)
	front := fs.Handler(fronted)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /v2/payments/{id}", muxOK)
	wrapped := middleware.Wrap(mux, benchOpts()...)

	b.Run("echo/bare", func(b *testing.B) { run(b, bare, benchReq("/v2/payments/42"), false, 200) })
	b.Run("echo/bare-one-middleware", func(b *testing.B) { run(b, bareUse, benchReq("/v2/payments/42"), false, 200) })
	b.Run("echo/errkit", func(b *testing.B) { run(b, full, benchReq("/v2/payments/42"), false, 200) })
	b.Run("echo/errkit-head", func(b *testing.B) {
		r := benchReq("/v2/payments/42")
		r.Method = http.MethodHead
		run(b, full, r, false, 200)
	})
	b.Run("echo/errkit-new-id", func(b *testing.B) { run(b, full, benchReq("/v2/payments/42"), true, 200) })
	b.Run("echo/errkit-handler", func(b *testing.B) { run(b, front, benchReq("/v2/payments/42"), false, 200) })
	b.Run("echo/errkit-handler-new-id", func(b *testing.B) { run(b, front, benchReq("/v2/payments/42"), true, 200) })
	noLimit := middleware.Wrap(mux, middleware.WithLogger(slog.New(slog.DiscardHandler)))
	nl := echomw.New(middleware.WithLogger(slog.New(slog.DiscardHandler)))
	frontedNL := echo.New()
	frontedNL.HTTPErrorHandler = nl.ErrorHandler
	frontedNL.GET("/v2/payments/:id", echoOK)
	frontNL := nl.Handler(frontedNL)
	b.Run("echo/errkit-handler-no-limiter", func(b *testing.B) { run(b, frontNL, benchReq("/v2/payments/42"), false, 200) })
	b.Run("mux/bare", func(b *testing.B) { run(b, mux, benchReq("/v2/payments/42"), false, 200) })
	b.Run("mux/errkit", func(b *testing.B) { run(b, wrapped, benchReq("/v2/payments/42"), false, 200) })
	b.Run("mux/errkit-no-limiter", func(b *testing.B) { run(b, noLimit, benchReq("/v2/payments/42"), false, 200) })
	b.Run("mux/errkit-new-id", func(b *testing.B) { run(b, wrapped, benchReq("/v2/payments/42"), true, 200) })
}

// BenchmarkError compares the error path: echo's DefaultHTTPErrorHandler
// rendering an *echo.HTTPError 404 against the errkit error handler
// rendering the same error (alone, then with the whole set installed), and
// an *apierr.Error of the same status; and the net/http door's 404s.
func BenchmarkError(b *testing.B) {
	httpErr := func(echo.Context) error { return echo.NewHTTPError(http.StatusNotFound, "payment not found") }
	apiErr := func(echo.Context) error { return apierr.New(apierr.PAY0001) }

	def := echo.New()
	def.GET("/v2/payments/:id", httpErr)
	alone := echo.New()
	alone.HTTPErrorHandler = echomw.New(benchOpts()...).ErrorHandler
	alone.GET("/v2/payments/:id", httpErr)
	alone.GET("/v2/quotes/:id", apiErr)
	full := echo.New()
	echomw.Install(full, benchOpts()...)
	full.GET("/v2/payments/:id", httpErr)

	mux := http.NewServeMux()
	mux.Handle("GET /v2/payments/{id}", middleware.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
		return apierr.New(apierr.PAY0001)
	}))
	wrapped := middleware.Wrap(mux, benchOpts()...)

	b.Run("echo/default-HTTPError", func(b *testing.B) { run(b, def, benchReq("/v2/payments/42"), false, 404) })
	b.Run("echo/errkit-HTTPError", func(b *testing.B) { run(b, alone, benchReq("/v2/payments/42"), false, 404) })
	b.Run("echo/errkit-apierr", func(b *testing.B) { run(b, alone, benchReq("/v2/quotes/42"), false, 404) })
	b.Run("echo/errkit-full-HTTPError", func(b *testing.B) { run(b, full, benchReq("/v2/payments/42"), false, 404) })
	b.Run("echo/default-not-found", func(b *testing.B) { run(b, def, benchReq("/v2/nothing"), false, 404) })
	b.Run("echo/errkit-not-found", func(b *testing.B) { run(b, alone, benchReq("/v2/nothing"), false, 404) })
	b.Run("mux/bare-not-found", func(b *testing.B) { run(b, mux, benchReq("/v2/nothing"), false, 404) })
	b.Run("mux/errkit-not-found", func(b *testing.B) { run(b, wrapped, benchReq("/v2/nothing"), false, 404) })
	b.Run("mux/errkit-apierr", func(b *testing.B) { run(b, wrapped, benchReq("/v2/payments/42"), false, 404) })
}
