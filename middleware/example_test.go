package middleware_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"golang.org/x/time/rate"
)

func pin() func() {
	return apierr.SetClock(func() time.Time { return time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC) })
}

func get(h http.Handler, method, path string) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	fmt.Println(rec.Code, strings.TrimSpace(rec.Body.String()))
}

func ExampleWrap() {
	defer pin()()
	mux := http.NewServeMux()
	mux.Handle("GET /v2/payments/{id}", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apierr.New(apierr.PAY0001).With("id", r.PathValue("id"))
	}))
	h := middleware.Wrap(mux, middleware.WithLogger(slog.New(slog.DiscardHandler)))
	get(h, "GET", "/v2/payments/42")
	get(h, "GET", "/v2/nothing")
	// Output:
	// 404 {"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z","details":{"id":"42"}}
	// 404 {"statusCode":404,"code":"[GEN9404]","message":"[GEN9404] Route not found","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleHandlerFunc() {
	defer pin()()
	h := middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return fmt.Errorf("charge: %w", errors.New("connection refused to 10.0.0.7"))
	})
	get(h, "POST", "/v2/payments")
	// Output:
	// 500 {"statusCode":500,"code":"[GEN9001]","message":"[GEN9001] Internal server error","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleError() {
	defer pin()()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		middleware.Error(w, r, apierr.QOT0001)
	})
	get(h, "GET", "/v2/quotes/1")
	// Output:
	// 422 {"statusCode":422,"code":"[QOT0001]","message":"[QOT0001] Quote has expired","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleClassify() {
	for _, err := range []error{
		fmt.Errorf("get: %w", apierr.New(apierr.PAY0001)),
		context.DeadlineExceeded,
		&http.MaxBytesError{Limit: 1 << 20},
		errors.New("disk full"),
		context.Canceled,
	} {
		e, ok := middleware.Classify(err, apierr.Nexpay)
		if !ok {
			fmt.Println("nothing written")
			continue
		}
		fmt.Println(e.Status(), e.ID())
	}
	// Output:
	// 404 PAY0001
	// 504 GEN9504
	// 413 GEN9413
	// 500 GEN9001
	// nothing written
}

func ExampleNew() {
	defer pin()()
	s := middleware.New(middleware.WithLogger(slog.New(slog.DiscardHandler)))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v2/payments", func(w http.ResponseWriter, r *http.Request) { panic("nil map") })
	// Each piece alone: here only Recover.
	get(s.Recover(mux), "GET", "/v2/payments")
	// Output:
	// 500 {"statusCode":500,"code":"[GEN9001]","message":"[GEN9001] Internal server error","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSet_Maintenance() {
	s := middleware.New(middleware.WithLogger(slog.New(slog.DiscardHandler)))
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) })
	h := s.Maintenance(ok)
	s.Switch().OnFor(90 * time.Second)
	for _, p := range []string{"/v2/payments", "/health", "/v2/webhooks/subscriptions"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("POST", p, nil))
		fmt.Println(p, rec.Code, rec.Header().Values("Retry-After"))
	}
	s.Switch().Off()
	// Output:
	// /v2/payments 503 [90]
	// /health 204 []
	// /v2/webhooks/subscriptions 204 []
}

func ExampleSet_RateLimit() {
	s := middleware.New(
		middleware.WithLogger(slog.New(slog.DiscardHandler)),
		middleware.WithRateLimit(middleware.NewTokenBucket(rate.Every(2*time.Second), 1, 0)),
	)
	h := s.RateLimit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }))
	for range 2 {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/v2/payments", nil))
		h := rec.Header()
		fmt.Println(rec.Code, h.Values("Retry-After"), h.Values("RateLimit-Limit"),
			h.Values("RateLimit-Remaining"), h.Values("RateLimit-Reset"))
	}
	// Output:
	// 204 [] [] [] []
	// 429 [2] [1] [0] [2]
}

func ExampleSet_RequestID() {
	s := middleware.New()
	h := s.RequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("handler sees", len(middleware.RequestIDFrom(r)), "chars")
	}))
	for _, id := range []string{"req-42", "<script>"} {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("X-Request-Id", id)
		h.ServeHTTP(rec, r)
		fmt.Println("echoed", len(rec.Header().Get("X-Request-Id")), "chars")
	}
	// Output:
	// handler sees 6 chars
	// echoed 6 chars
	// handler sees 32 chars
	// echoed 32 chars
}

func ExampleSet_PlainErrors() {
	defer pin()()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v2/payments", func(w http.ResponseWriter, r *http.Request) {})
	h := middleware.New(middleware.WithLogger(slog.New(slog.DiscardHandler))).PlainErrors(mux)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/v2/payments", nil))
	fmt.Println(rec.Code, rec.Header().Get("Allow"), rec.Body)
	// Output:
	// 405 POST {"statusCode":405,"code":"[GEN9405]","message":"[GEN9405] Method not allowed","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSwitch() {
	var sw middleware.Switch
	sw.On(time.Now().Add(time.Hour))
	_, on := sw.MaintenanceUntil(context.Background())
	fmt.Println(on)
	sw.Off()
	_, on = sw.MaintenanceUntil(context.Background())
	fmt.Println(on)
	// Output:
	// true
	// false
}

func ExampleNewTokenBucket() {
	tb := middleware.NewTokenBucket(200, 200, 0) // Nexpay: 200 requests/second per client
	d := tb.Allow(context.Background(), "pk_live_1")
	fmt.Println(d.Allowed, d.Limit)
	// Output:
	// true 200
}

func ExampleRateLimitError() {
	e := middleware.RateLimitError(apierr.Nexpay, middleware.RateDecision{Wait: 1500 * time.Millisecond, Limit: 10})
	fmt.Println(e.Status(), e.ID(), e.RetryAfter())
	// Output:
	// 429 GEN9429 2s
}

func ExampleDefaultRateKey() {
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "198.51.100.7:51234"
	fmt.Println(middleware.DefaultRateKey(r))
	r.Header.Set("Authorization", "ApiKey pk_live_abc")
	fmt.Println(middleware.DefaultRateKey(r))
	// Output:
	// 198.51.100.7
	// key:pk_live_abc
}

func ExampleExemptPaths() {
	exempt := middleware.ExemptPaths("/status", "/hooks")
	for _, p := range []string{"/status", "/v1/hooks/psp", "/v1/payments"} {
		fmt.Println(p, exempt(httptest.NewRequest("GET", p, nil)))
	}
	// Output:
	// /status true
	// /v1/hooks/psp true
	// /v1/payments false
}

func ExampleTraceID() {
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	fmt.Println(middleware.TraceID(r))
	// Output:
	// 4bf92f3577b34da6a3ce929d0e0e4736 true
}

func ExampleValidRequestID() {
	fmt.Println(middleware.ValidRequestID("req-42"), middleware.ValidRequestID("a b"))
	// Output:
	// true false
}

func ExampleCommitted() {
	h := middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		fmt.Println(middleware.Committed(w))
		w.WriteHeader(202)
		fmt.Println(middleware.Committed(w))
		return nil
	})
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	// Output:
	// false
	// true
}

func ExampleRecovered() {
	e, _ := middleware.Classify(middleware.Recovered("index out of range"), apierr.Nexpay)
	fmt.Println(e.Status(), e.ID())
	// Output:
	// 500 GEN9001
}

func ExampleWithMetrics() {
	s := middleware.New(
		middleware.WithLogger(slog.New(slog.DiscardHandler)),
		middleware.WithMetrics(func(f middleware.Failure) { fmt.Println("failed:", f.Status, f.Code, f.Route) }),
	)
	mux := http.NewServeMux()
	mux.Handle("GET /v2/payees/{id}", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apierr.PYE0001
	}))
	s.Wrap(mux).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/v2/payees/1", nil))
	// Output:
	// failed: 404 PYE0001 GET /v2/payees/{id}
}
