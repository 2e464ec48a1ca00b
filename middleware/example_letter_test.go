package middleware_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/middleware"
	"golang.org/x/time/rate"
)

func ExampleSet_TargetError() {
	defer pin()()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v2/payments/{id}", func(w http.ResponseWriter, r *http.Request) {})
	// A ServeMux alone would redirect this path; behind a Set it is
	// answered in the contract, before any handler runs.
	get(middleware.Wrap(mux, middleware.WithLogger(slog.New(slog.DiscardHandler))), "GET", "/v2//payments/../p_1")
	// Output:
	// 404 {"statusCode":404,"code":"[GEN9404]","message":"[GEN9404] Route not found","timestamp":"2026-01-15T10:30:00.000Z","details":{"reason":"path_not_clean"}}
}

func ExampleWithRateLimitExempt() {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	h := middleware.Wrap(ok,
		middleware.WithLogger(slog.New(slog.DiscardHandler)),
		middleware.WithRateLimit(middleware.NewTokenBucket(rate.Limit(1), 1, 0)),
		// Only /status escapes the per-IP limit; nil would exempt nothing.
		middleware.WithRateLimitExempt(middleware.ExemptPaths("/status")),
	)
	for _, p := range []string{"/status", "/status", "/health", "/health"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		fmt.Println(p, rec.Code)
	}
	// Output:
	// /status 200
	// /status 200
	// /health 200
	// /health 429
}

func ExampleCryptopayRateLimit() {
	h := middleware.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}),
		middleware.WithLogger(slog.New(slog.DiscardHandler)),
		middleware.WithContract(cryptopay.Contract),
		middleware.CryptopayRateLimit())
	codes := map[int]int{}
	for range 201 {
		r := httptest.NewRequest("GET", "/api/invoices", nil)
		r.Header.Set("Authorization", "HMAC D9xTGq4HsZ:c2lnbmF0dXJl")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		codes[rec.Code]++
	}
	fmt.Println(codes)
	// Output:
	// map[200:200 429:1]
}

func ExampleCryptopayRateKey() {
	r := httptest.NewRequest("GET", "/api/invoices", nil)
	r.Header.Set("Authorization", "HMAC D9xTGq4HsZ:c2lnbmF0dXJl")
	fmt.Println(middleware.CryptopayRateKey(r))
	// Output:
	// key:D9xTGq4HsZ
}

func ExampleSet_CleanTargets() {
	defer pin()()
	s := middleware.New(middleware.WithLogger(slog.New(slog.DiscardHandler)))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v2/quotes", func(w http.ResponseWriter, r *http.Request) {})
	// The piece alone, in front of a router that would redirect.
	get(s.RequestID(s.CleanTargets(mux)), "GET", "/v2/payments/../quotes")
	// Output:
	// 404 {"statusCode":404,"code":"[GEN9404]","message":"[GEN9404] Route not found","timestamp":"2026-01-15T10:30:00.000Z","details":{"reason":"path_not_clean"}}
}
