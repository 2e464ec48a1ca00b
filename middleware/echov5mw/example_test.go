package echov5mw_test

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
	"github.com/errkit/errkit/middleware/echov5mw"
	"github.com/labstack/echo/v5"
	echomiddleware "github.com/labstack/echo/v5/middleware"
)

func pin() func() {
	return apierr.SetClock(func() time.Time { return time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC) })
}

var quiet = middleware.WithLogger(slog.New(slog.DiscardHandler))

func get(h http.Handler, method, path, body string) {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	fmt.Println(strings.TrimSpace(fmt.Sprint(rec.Code, " ", rec.Body.String())))
}

func ExampleSet_NewEcho() {
	defer pin()()
	s := echov5mw.New(quiet)
	e := s.NewEcho(echo.Config{})
	e.GET("/v2/payments/:id", func(c *echo.Context) error {
		return apierr.New(apierr.PAY0001).With("id", c.Param("id"))
	})
	e.POST("/v2/payments", func(c *echo.Context) error {
		var p struct {
			Amount string `json:"amount"`
		}
		if err := c.Bind(&p); err != nil {
			return err
		}
		return c.NoContent(http.StatusCreated)
	})
	get(e, "GET", "/v2/payments/42", "")
	get(e, "POST", "/v2/payments", `{"amount":`)
	get(e, "GET", "/v2/nothing", "")
	// Output:
	// 404 {"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z","details":{"id":"42"}}
	// 400 {"statusCode":400,"code":"[GEN9002]","message":"[GEN9002] Bad request","timestamp":"2026-01-15T10:30:00.000Z","details":{"reason":"malformed","problem":"Request body is not valid JSON","offset":9}}
	// 404 {"statusCode":404,"code":"[GEN9404]","message":"[GEN9404] Route not found","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleInstall() {
	defer pin()()
	e := echo.New() // its router answers HEAD with 405: see Set.NewEcho
	echov5mw.Install(e, quiet)
	e.POST("/v2/payments", func(c *echo.Context) error { return c.NoContent(http.StatusCreated) })
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("DELETE", "/v2/payments", nil))
	fmt.Println(rec.Code, rec.Header().Get("Allow"), rec.Body)
	// Output:
	// 405 OPTIONS, POST {"statusCode":405,"code":"[GEN9405]","message":"[GEN9405] Method not allowed","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleNew() {
	defer pin()()
	// A set of the pieces one wants, in echo's own order.
	s := echov5mw.New(quiet)
	e := echo.New()
	e.HTTPErrorHandler = s.ErrorHandler
	e.Use(s.RequestID, s.Recover)
	e.GET("/v2/quotes", func(*echo.Context) error {
		return apierr.New(apierr.QOT0003).With("fromCurrency", "BRL").With("toCurrency", "USD")
	})
	get(e, "GET", "/v2/quotes", "")
	// Output:
	// 422 {"statusCode":422,"code":"[QOT0003]","message":"[QOT0003] Currency pair unavailable","timestamp":"2026-01-15T10:30:00.000Z","details":{"fromCurrency":"BRL","toCurrency":"USD"}}
}

func ExampleSet_Install() {
	defer pin()()
	s := echov5mw.New(quiet)
	e := echo.NewWithConfig(echo.Config{Router: echo.NewRouter(echo.RouterConfig{AutoHandleHEAD: true})})
	s.Install(e)
	e.GET("/health", func(c *echo.Context) error { return c.String(http.StatusOK, "ok") })
	get(e, "HEAD", "/health", "")
	get(e, "PUT", "/health", "")
	// Output:
	// 200
	// 405 {"statusCode":405,"code":"[GEN9405]","message":"[GEN9405] Method not allowed","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSet_ErrorHandler() {
	defer pin()()
	s := echov5mw.New(quiet)
	e := echo.New()
	e.HTTPErrorHandler = s.ErrorHandler
	e.GET("/v2/payments/:id", func(*echo.Context) error {
		return fmt.Errorf("payment store: %w", errors.New("dial tcp 10.0.0.7:5432: connection refused"))
	})
	get(e, "GET", "/v2/payments/42", "")
	// Output:
	// 500 {"statusCode":500,"code":"[GEN9001]","message":"[GEN9001] Internal server error","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSet_Middleware() {
	defer pin()()
	var sw middleware.Switch
	sw.On(time.Now().Add(90 * time.Second))
	s := echov5mw.New(quiet, middleware.WithMaintenance(&sw))
	e := echo.New()
	e.HTTPErrorHandler = s.ErrorHandler
	e.Use(s.Middleware)
	e.POST("/v2/payments", func(c *echo.Context) error { return c.NoContent(http.StatusCreated) })
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("POST", "/v2/payments", nil))
	fmt.Println(rec.Code, rec.Header().Get("Retry-After"), rec.Body)
	// Output:
	// 503 90 {"statusCode":503,"code":"[GEN9013]","message":"[GEN9013] Service is under maintenance. Please try again later.","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSet_RequestID() {
	s := echov5mw.New(quiet)
	e := echo.New()
	e.Use(s.RequestID)
	e.GET("/", func(c *echo.Context) error {
		return c.String(http.StatusOK, c.Response().Header().Get(echo.HeaderXRequestID))
	})
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("X-Request-Id", "req-2026-0001")
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	fmt.Println(rec.Body)
	// Output:
	// req-2026-0001
}

func ExampleSet_Recover() {
	defer pin()()
	s := echov5mw.New(quiet)
	e := echo.New()
	e.HTTPErrorHandler = s.ErrorHandler
	e.Use(s.Recover)
	e.GET("/", func(*echo.Context) error { panic("nil map") })
	get(e, "GET", "/", "")
	// Output:
	// 500 {"statusCode":500,"code":"[GEN9001]","message":"[GEN9001] Internal server error","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSet_Maintenance() {
	var sw middleware.Switch
	sw.OnFor(time.Hour)
	s := echov5mw.New(quiet, middleware.WithMaintenance(&sw))
	e := echo.New()
	e.HTTPErrorHandler = s.ErrorHandler
	e.Use(s.Maintenance)
	e.GET("/health", func(c *echo.Context) error { return c.String(http.StatusOK, "ok") })
	e.GET("/v2/payments", func(c *echo.Context) error { return c.String(http.StatusOK, "[]") })
	for _, p := range []string{"/health", "/v2/payments"} {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		fmt.Println(p, rec.Code)
	}
	// Output:
	// /health 200
	// /v2/payments 503
}

type denyAll struct{}

func (denyAll) Allow(context.Context, string) middleware.RateDecision {
	return middleware.RateDecision{Wait: 3 * time.Second, Limit: 100}
}

func ExampleSet_RateLimit() {
	s := echov5mw.New(quiet, middleware.WithRateLimit(denyAll{}))
	e := echo.New()
	e.HTTPErrorHandler = s.ErrorHandler
	e.Use(s.RateLimit)
	e.GET("/", func(c *echo.Context) error { return c.NoContent(http.StatusNoContent) })
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	fmt.Println(rec.Code, rec.Header().Get("Retry-After"), rec.Header().Get("RateLimit-Limit"))
	// Output:
	// 429 3 100
}

func ExampleSet_DenyHandler() {
	s := echov5mw.New(quiet)
	e := s.NewEcho(echo.Config{})
	e.Use(echomiddleware.RateLimiterWithConfig(echomiddleware.RateLimiterConfig{
		Store:       echomiddleware.NewRateLimiterMemoryStoreWithConfig(echomiddleware.RateLimiterMemoryStoreConfig{Rate: 1, Burst: 1}),
		DenyHandler: s.DenyHandler(1, 1),
	}))
	e.GET("/", func(c *echo.Context) error { return c.NoContent(http.StatusNoContent) })
	for range 2 {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		fmt.Println(strings.TrimSpace(fmt.Sprint(rec.Code, " ", rec.Header().Get("Retry-After"))))
	}
	// Output:
	// 204
	// 429 1
}

func ExampleClassify() {
	for _, err := range []error{
		echo.ErrNotFound,
		echo.ErrStatusRequestEntityTooLarge,
		echo.NewHTTPError(http.StatusConflict, "duplicate"),
		errors.New("boom"),
	} {
		e, _ := echov5mw.Classify(err, apierr.Nexpay)
		fmt.Println(e.Status(), e.ID())
	}
	// Output:
	// 404 GEN9404
	// 413 GEN9413
	// 409 GEN9409
	// 500 GEN9001
}

func ExampleBodyLimit() {
	defer pin()()
	s := echov5mw.New(quiet)
	e := s.NewEcho(echo.Config{})
	e.Use(echov5mw.BodyLimit(16))
	e.POST("/v2/webhooks", func(c *echo.Context) error { return c.NoContent(http.StatusCreated) })
	get(e, "POST", "/v2/webhooks", `{"url":"https://example.com/hooks"}`)
	// Output:
	// 413 {"statusCode":413,"code":"[GEN9413]","message":"[GEN9413] Request body is too large","timestamp":"2026-01-15T10:30:00.000Z","details":{"limit":16}}
}
