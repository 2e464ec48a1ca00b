package bench

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echomw"
	"github.com/labstack/echo/v4"
	echomiddleware "github.com/labstack/echo/v4/middleware"
)

// errkit's middleware on echo (the error handler alone, and the whole set
// installed in one call) and on a net/http ServeMux (the whole set), with
// the floor for the failures that middleware answers: a recovered panic,
// maintenance and the rate limit.

const (
	body500 = `{"statusCode":500,"code":"[GEN9001]","message":"[GEN9001] Internal server error","timestamp":"2026-01-15T10:30:00.000Z"}`
	body503 = `{"statusCode":503,"code":"[GEN9013]","message":"[GEN9013] Service is under maintenance. Please try again later.","timestamp":"2026-01-15T10:30:00.000Z"}`
	body429 = `{"statusCode":429,"code":"[GEN9429]","message":"[GEN9429] Too many requests","timestamp":"2026-01-15T10:30:00.000Z"}`
)

// The headers of the 503 and the 429, as errkit sends them.
var (
	header503 = http.Header{"Retry-After": {"3600"}}
	header429 = http.Header{
		"Retry-After":         {"1"},
		"Ratelimit-Limit":     {"200"},
		"Ratelimit-Remaining": {"0"},
		"Ratelimit-Reset":     {"1"},
	}
)

// The headers errkit's 429 must carry.
var header429Want = map[string]string{"Retry-After": "1", "RateLimit-Limit": "200", "RateLimit-Remaining": "0", "RateLimit-Reset": "1"}

// quiet keeps the failures out of the benchmarks' output; a disabled
// handler costs next to nothing, as a server logging at Warn does for 4xx.
var quiet = middleware.WithLogger(slog.New(slog.DiscardHandler))

// deny is a rate limiter that turns everyone away for a second.
type deny struct{}

func (deny) Allow(context.Context, string) middleware.RateDecision {
	return middleware.RateDecision{Wait: time.Second, Limit: 200}
}

// The handlers of the cases, as an errkit user writes them.
var (
	fail404 = func() error { return apierr.New(apierr.PAY0001) }
	fail422 = func() error {
		return apierr.New(apierr.QOT0003).With("fromCurrency", "BRL").With("toCurrency", "USD")
	}
	fail400 = func() error { return validate.Validate(&badTransfer) }
	panics  = func() error { panic("nil map") }
	succeed = func() error { return nil }
)

// How errkit is put on echo.
const (
	handlerOnly = iota // the error handler alone
	installed          // echomw.Install: the error handler and one e.Use middleware
	inFront            // the error handler, the rest in front of echo (echomw.Set.Handler)
)

// errkitEcho returns an echo server with errkit put on as mode says,
// answering GET path with fail.
func errkitEcho(path string, fail func() error, mode int, opts ...middleware.Option) http.Handler {
	e := newEcho()
	s := echomw.New(append([]middleware.Option{quiet}, opts...)...)
	var h http.Handler = e
	switch mode {
	case handlerOnly:
		e.HTTPErrorHandler = s.ErrorHandler
	case installed:
		s.Install(e)
	case inFront:
		e.HTTPErrorHandler = s.ErrorHandler
		h = s.Handler(e)
	}
	e.GET(path, func(c echo.Context) error {
		if err := fail(); err != nil {
			return err
		}
		return c.JSONBlob(http.StatusOK, paymentJSON)
	})
	return h
}

// errkitMux is errkitEcho for a net/http ServeMux behind the whole set.
func errkitMux(pattern string, fail func() error, opts ...middleware.Option) http.Handler {
	mux := http.NewServeMux()
	mux.Handle(pattern, middleware.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) error {
		if err := fail(); err != nil {
			return err
		}
		w.Header()["Content-Type"] = hvAppJSON
		_, err := w.Write(paymentJSON)
		return err
	}))
	return middleware.New(append([]middleware.Option{quiet}, opts...)...).Wrap(mux)
}

// muxOn returns a ServeMux answering pattern with h.
func muxOn(pattern string, h http.Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle(pattern, h)
	return mux
}

// inMaintenance is the option of a set in maintenance for the next hour.
func inMaintenance() middleware.Option {
	var sw middleware.Switch
	sw.OnFor(time.Hour)
	return middleware.WithMaintenance(&sw)
}

// floorRecover is the least a recovering middleware can do: answer the
// panic with pre-encoded bytes.
func floorRecover(next http.Handler) http.Handler {
	write := floorMux(500, body500, nil)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				write(w, r)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// floorEchoMW turns a floor handler into echo middleware that answers
// every request itself, as maintenance and rate limiting do.
func floorEchoMW(h echo.HandlerFunc) echo.MiddlewareFunc {
	return func(echo.HandlerFunc) echo.HandlerFunc { return h }
}

const (
	patPayment  = "GET /payments/{id}"
	patQuote    = "GET /quotes"
	patTransfer = "GET /transfers"
)

func init() {
	// floor400 validates as the others do before writing its bytes.
	floor400 := func(w http.ResponseWriter, r *http.Request) {
		_ = validate.Engine().Struct(&badTransfer)
		floorMux(400, body400, nil)(w, r)
	}
	errCase := func(kase, echoPath, pattern string, fail func() error, status int, body string) {
		floor := http.Handler(floorMux(status, body, nil))
		if kase == "400x5" {
			floor = http.HandlerFunc(floor400)
		}
		register(
			run{kase: kase, router: "echo", impl: "errkit-handler", h: errkitEcho(echoPath, fail, handlerOnly), status: status, body: body},
			run{kase: kase, router: "echo", impl: "errkit", h: errkitEcho(echoPath, fail, installed), status: status, body: body,
				header: map[string]string{"X-Request-Id": ""}},
			run{kase: kase, router: "echo", impl: "errkit-front", h: errkitEcho(echoPath, fail, inFront), status: status, body: body,
				header: map[string]string{"X-Request-Id": ""}},
			run{kase: kase, router: "mux", impl: "floor", h: muxOn(pattern, floor), status: status, body: body},
			run{kase: kase, router: "mux", impl: "errkit", h: errkitMux(pattern, fail), status: status, body: body,
				header: map[string]string{"X-Request-Id": ""}},
		)
	}
	errCase("404", "/payments/:id", patPayment, fail404, 404, body404)
	errCase("422", "/quotes", patQuote, fail422, 422, body422)
	errCase("400x5", "/transfers", patTransfer, fail400, 400, body400)

	noop := func(echo.Context) error { return nil }
	register(
		// A handler that panics.
		run{kase: "panic", router: "echo", impl: "floor", h: echoOn("/payments/:id", func(echo.Context) error { panic("nil map") },
			echo.WrapMiddleware(floorRecover)), status: 500, body: body500},
		run{kase: "panic", router: "echo", impl: "errkit", h: errkitEcho("/payments/:id", panics, installed), status: 500, body: body500},
		run{kase: "panic", router: "echo", impl: "errkit-front", h: errkitEcho("/payments/:id", panics, inFront), status: 500, body: body500},
		run{kase: "panic", router: "mux", impl: "floor", h: floorRecover(muxOn(patPayment, http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("nil map") }))),
			status: 500, body: body500},
		run{kase: "panic", router: "mux", impl: "errkit", h: errkitMux(patPayment, panics), status: 500, body: body500},

		// Maintenance: middleware answers before the handler.
		run{kase: "503", router: "echo", impl: "floor", h: echoOn("/payments/:id", noop, floorEchoMW(floorEcho(503, body503, header503))),
			status: 503, body: body503, header: map[string]string{"Retry-After": "3600"}},
		run{kase: "503", router: "echo", impl: "errkit", h: errkitEcho("/payments/:id", succeed, installed, inMaintenance()),
			status: 503, body: body503, header: map[string]string{"Retry-After": "3600"}},
		run{kase: "503", router: "echo", impl: "errkit-front", h: errkitEcho("/payments/:id", succeed, inFront, inMaintenance()),
			status: 503, body: body503, header: map[string]string{"Retry-After": "3600"}},
		run{kase: "503", router: "mux", impl: "floor", h: floorMux(503, body503, header503),
			status: 503, body: body503, header: map[string]string{"Retry-After": "3600"}},
		run{kase: "503", router: "mux", impl: "errkit", h: errkitMux(patPayment, succeed, inMaintenance()),
			status: 503, body: body503, header: map[string]string{"Retry-After": "3600"}},

		// Rate limited: middleware answers before the handler.
		run{kase: "429", router: "echo", impl: "floor", h: echoOn("/payments/:id", noop, floorEchoMW(floorEcho(429, body429, header429))),
			status: 429, body: body429, header: map[string]string{"Retry-After": "1", "RateLimit-Limit": "200"}},
		run{kase: "429", router: "echo", impl: "errkit", h: errkitEcho("/payments/:id", succeed, installed, middleware.WithRateLimit(deny{})),
			status: 429, body: body429, header: header429Want},
		run{kase: "429", router: "echo", impl: "errkit-front", h: errkitEcho("/payments/:id", succeed, inFront, middleware.WithRateLimit(deny{})),
			status: 429, body: body429, header: header429Want},
		run{kase: "429", router: "mux", impl: "floor", h: floorMux(429, body429, header429),
			status: 429, body: body429, header: map[string]string{"Retry-After": "1", "RateLimit-Limit": "200"}},
		run{kase: "429", router: "mux", impl: "errkit", h: errkitMux(patPayment, succeed, middleware.WithRateLimit(deny{})),
			status: 429, body: body429, header: header429Want},

		// The success path: bare, bare behind a request ID made in advance,
		// and behind echo's own request-ID middleware.
		run{kase: "ok", router: "echo", impl: "bare", h: echoOn("/payments/:id", func(c echo.Context) error {
			return c.JSONBlob(http.StatusOK, paymentJSON)
		}), status: 200, body: string(paymentJSON)},
		run{kase: "ok", router: "echo", impl: "bare-id", h: withID(echoOn("/payments/:id", func(c echo.Context) error {
			return c.JSONBlob(http.StatusOK, paymentJSON)
		})), status: 200, body: string(paymentJSON), header: map[string]string{"X-Request-Id": preID[0]}},
		run{kase: "ok", router: "echo", impl: "echo", h: echoOn("/payments/:id", func(c echo.Context) error {
			return c.JSONBlob(http.StatusOK, paymentJSON)
		}, echomiddleware.RequestID()), status: 200, body: string(paymentJSON), header: map[string]string{"X-Request-Id": ""}},
		run{kase: "ok", router: "echo", impl: "errkit", h: errkitEcho("/payments/:id", succeed, installed),
			status: 200, body: string(paymentJSON), header: map[string]string{"X-Request-Id": ""}},
		run{kase: "ok", router: "echo", impl: "errkit-front", h: errkitEcho("/payments/:id", succeed, inFront),
			status: 200, body: string(paymentJSON), header: map[string]string{"X-Request-Id": ""}},
		run{kase: "ok", router: "mux", impl: "bare", h: muxOn(patPayment, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header()["Content-Type"] = hvAppJSON
			_, _ = w.Write(paymentJSON)
		})), status: 200, body: string(paymentJSON)},
		run{kase: "ok", router: "mux", impl: "bare-id", h: withID(muxOn(patPayment, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header()["Content-Type"] = hvAppJSON
			_, _ = w.Write(paymentJSON)
		}))), status: 200, body: string(paymentJSON), header: map[string]string{"X-Request-Id": preID[0]}},
		run{kase: "ok", router: "mux", impl: "errkit", h: errkitMux(patPayment, succeed),
			status: 200, body: string(paymentJSON), header: map[string]string{"X-Request-Id": ""}},
	)
}

// withID is the least a request-ID middleware can do, the reference for
// what echoing an ID costs: it sets one made in advance on the request's
// and the response's X-Request-Id, validating and generating nothing.
func withID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header["X-Request-Id"] = preID
		w.Header()["X-Request-Id"] = preID
		next.ServeHTTP(w, r)
	})
}

var preID = []string{"4bf92f3577b34da6a3ce929d0e0e4736"}

// The success path's answer.
var (
	paymentJSON = []byte(`{"id":"pay_123","status":"succeeded","amount":"5000.00","currency":"BRL"}`)
	hvAppJSON   = []string{echo.MIMEApplicationJSON}
)
