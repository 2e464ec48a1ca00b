package middleware_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/middleware"
	"github.com/go-chi/chi/v5"
	"golang.org/x/time/rate"
)

func ExampleSet_NotFound() {
	defer pin()()
	s := middleware.New(middleware.WithLogger(slog.New(slog.DiscardHandler)))
	r := chi.NewRouter()
	r.Use(s.RequestID, s.Recover, s.PlainErrors)
	r.NotFound(s.NotFound) // or rely on PlainErrors, which replaces chi's plain 404
	get(r, "GET", "/v2/nothing")
	// Output:
	// 404 {"statusCode":404,"code":"[GEN9404]","message":"[GEN9404] Route not found","timestamp":"2026-01-15T10:30:00.000Z"}
}

// fleetState is a MaintenanceState a fleet would read from a shared store.
type fleetState struct{ until time.Time }

func (f fleetState) MaintenanceUntil(context.Context) (time.Time, bool) {
	return f.until, time.Now().Before(f.until)
}

func ExampleWithMaintenance() {
	s := middleware.New(
		middleware.WithLogger(slog.New(slog.DiscardHandler)),
		middleware.WithMaintenance(fleetState{until: time.Now().Add(time.Minute)}),
		middleware.WithMaintenanceExemptPaths("/status"),
	)
	h := s.Maintenance(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }))
	for _, p := range []string{"/status", "/health"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		fmt.Println(p, rec.Code)
	}
	// Output:
	// /status 204
	// /health 503
}

func ExampleWithContract() {
	// A team whose catalogue has its own code for rate limiting.
	c, err := apierr.Override(apierr.Nexpay, map[apierr.Condition]apierr.Code{apierr.RateLimited: apierr.CHT0002})
	if err != nil {
		panic(err)
	}
	s := middleware.New(middleware.WithContract(c))
	fmt.Println(middleware.RateLimitError(s.Contract(), middleware.RateDecision{}).ID())
	// Output:
	// CHT0002
}

func ExampleSet_Front() {
	defer pin()()
	s := middleware.New(middleware.WithLogger(slog.New(slog.DiscardHandler)))
	// A handler that answers its own unknown routes: Front leaves out PlainErrors.
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	get(s.Front(api, false), "GET", "/x")
	get(s.Front(api, true), "GET", "/x")
	// Output:
	// 404 404 page not found
	// 404 {"statusCode":404,"code":"[GEN9404]","message":"[GEN9404] Route not found","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSet_Respond() {
	defer pin()()
	s := middleware.New(middleware.WithLogger(slog.New(slog.DiscardHandler)))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Respond(w, r, apierr.NewCondition(apierr.Conflict))
	})
	get(h, "POST", "/v2/payments")
	// Output:
	// 409 {"statusCode":409,"code":"[GEN9409]","message":"[GEN9409] Request conflicts with another request","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSetRequestID() {
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("X-Request-Id", "req-42")
	h := make(http.Header)
	middleware.SetRequestID(h, r)
	fmt.Println(h.Get("X-Request-Id"), middleware.RequestIDFrom(r))
	// Output:
	// req-42 req-42
}

// Rotating made-up API keys from one address runs into the per-IP limit.
func ExampleWithIPRateLimit() {
	every := rate.Every(time.Hour)
	h := middleware.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}),
		middleware.WithLogger(slog.New(slog.DiscardHandler)),
		middleware.WithRateLimit(middleware.NewTokenBucket(every, 10, 0)),  // per API key
		middleware.WithIPRateLimit(middleware.NewTokenBucket(every, 2, 0)), // per address
	)
	for i := range 3 {
		req := httptest.NewRequest("GET", "/v2/payments", nil)
		req.Header.Set("X-Api-Key", fmt.Sprint("made-up-", i))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		fmt.Println(rec.Code)
	}
	// Output:
	// 200
	// 200
	// 429
}

// Catch is the recover both doors share: a door of your own (a job
// runner, a framework's handler) gets a panic back as the error the set
// answers it with.
func ExampleSet_Catch() {
	s := middleware.New(middleware.WithLogger(slog.New(slog.DiscardHandler)))
	r := httptest.NewRequest("GET", "/v2/payments", nil)
	err := s.Catch(r, func() error { panic("nil map") })
	e, _ := middleware.Classify(err, s.Contract())
	fmt.Println(err, e.Status(), e.ID())
	// Output:
	// internal: panic: nil map 500 GEN9001
}

func ExampleWithHeadAsGet() {
	defer pin()()
	quiet := middleware.WithLogger(slog.New(slog.DiscardHandler))
	newRouter := func() http.Handler {
		r := chi.NewRouter()
		r.Get("/health", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"status":"ok"}`)
		})
		return r
	}
	head := func(h http.Handler) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("HEAD", "/health", nil))
		fmt.Printf("%d Allow=%q Content-Type=%q\n", rec.Code, rec.Header().Get("Allow"), rec.Header().Get("Content-Type"))
	}
	// chi refuses HEAD on a GET route: the contract's 405 (its headers; a
	// HEAD answer has no body), with chi's Allow.
	head(middleware.Wrap(newRouter(), quiet))
	// With the option, HEAD is served by the GET route.
	head(middleware.Wrap(newRouter(), quiet, middleware.WithHeadAsGet()))
	// Output:
	// 405 Allow="GET" Content-Type="application/json; charset=utf-8"
	// 200 Allow="" Content-Type="application/json"
}

func ExampleSetOf() {
	s := middleware.New(middleware.WithContract(nextapi.Contract))
	h := s.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println(middleware.SetOf(w) == s)
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	fmt.Println(middleware.SetOf(httptest.NewRecorder()) == nil)
	// Output:
	// true
	// true
}

func ExampleSet_RespondSent() {
	s := middleware.New(
		middleware.WithLogger(slog.New(slog.DiscardHandler)),
		middleware.WithMetrics(func(f middleware.Failure) {
			fmt.Println("failed:", f.Status, f.Code, f.Committed)
		}),
	)
	// A door whose handler sent its 202, then failed: the door knows the
	// status it sent, and nothing is written over the response.
	w, r := httptest.NewRecorder(), httptest.NewRequest("POST", "/v2/payouts", nil)
	w.WriteHeader(http.StatusAccepted)
	_, _ = w.WriteString(`{"status":"accepted"}`)
	s.RespondSent(w, r, "/v2/payouts", http.StatusAccepted, errors.New("ledger write failed"))
	fmt.Println(w.Code, w.Body)
	// Output:
	// failed: 202 GEN9001 true
	// 202 {"status":"accepted"}
}
