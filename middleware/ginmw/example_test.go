package ginmw_test

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
	"github.com/errkit/errkit/middleware/ginmw"
	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"
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

func ExampleInstall() {
	defer pin()()
	e := gin.New()
	ginmw.Install(e, quiet)
	e.GET("/v2/payments/:id", ginmw.Handler(func(c *gin.Context) error {
		return apierr.New(apierr.PAY0001).With("id", c.Param("id"))
	}))
	e.POST("/v2/payments", func(c *gin.Context) { c.Status(http.StatusCreated) })
	get(e, "GET", "/v2/payments/42", "")
	get(e, "GET", "/v2/nothing", "")
	get(e, "DELETE", "/v2/payments", "")
	// Output:
	// 404 {"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z","details":{"id":"42"}}
	// 404 {"statusCode":404,"code":"[GEN9404]","message":"[GEN9404] Route not found","timestamp":"2026-01-15T10:30:00.000Z"}
	// 405 {"statusCode":405,"code":"[GEN9405]","message":"[GEN9405] Method not allowed","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSet_Install() {
	s := ginmw.New(quiet)
	e := gin.New()
	s.Install(e)
	e.GET("/health", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	for _, m := range []string{"HEAD", "PUT"} {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(m, "/health", nil))
		fmt.Println(m, rec.Code, rec.Header().Get("Allow"), rec.Header().Get("Content-Length"))
	}
	// Output:
	// HEAD 200  2
	// PUT 405 GET, HEAD
}

func ExampleNew() {
	defer pin()()
	// A set of the pieces one wants; Errors first, to answer the others.
	s := ginmw.New(quiet)
	e := gin.New()
	e.Use(s.Errors, s.RequestID, s.Recover)
	e.GET("/v2/quotes", ginmw.Handler(func(*gin.Context) error {
		return apierr.New(apierr.QOT0003).With("fromCurrency", "BRL").With("toCurrency", "USD")
	}))
	get(e, "GET", "/v2/quotes", "")
	// Output:
	// 422 {"statusCode":422,"code":"[QOT0003]","message":"[QOT0003] Currency pair unavailable","timestamp":"2026-01-15T10:30:00.000Z","details":{"fromCurrency":"BRL","toCurrency":"USD"}}
}

func ExampleHandler() {
	defer pin()()
	e := gin.New()
	ginmw.Install(e, quiet)
	e.GET("/v2/payments/:id", ginmw.Handler(func(c *gin.Context) error {
		return fmt.Errorf("payment store: %w", errors.New("dial tcp 10.0.0.7:5432: connection refused"))
	}))
	get(e, "GET", "/v2/payments/42", "")
	// Output:
	// 500 {"statusCode":500,"code":"[GEN9001]","message":"[GEN9001] Internal server error","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSet_Errors() {
	defer pin()()
	s := ginmw.New(quiet)
	e := gin.New()
	e.Use(s.Errors)
	// gin's own ways of failing, answered in the contract.
	e.GET("/abort", func(c *gin.Context) { c.AbortWithStatus(http.StatusUnauthorized) })
	e.GET("/abort-error", func(c *gin.Context) { _ = c.AbortWithError(http.StatusForbidden, errors.New("role missing")) })
	e.GET("/string", func(c *gin.Context) { c.String(http.StatusConflict, "already exists") })
	for _, p := range []string{"/abort", "/abort-error", "/string"} {
		get(e, "GET", p, "")
	}
	// Output:
	// 401 {"statusCode":401,"code":"[GEN9003]","message":"[GEN9003] Unauthorized","timestamp":"2026-01-15T10:30:00.000Z"}
	// 403 {"statusCode":403,"code":"[GEN9004]","message":"[GEN9004] Forbidden","timestamp":"2026-01-15T10:30:00.000Z"}
	// 409 {"statusCode":409,"code":"[GEN9409]","message":"[GEN9409] Request conflicts with another request","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSet_Middleware() {
	defer pin()()
	var sw middleware.Switch
	sw.On(time.Now().Add(90 * time.Second))
	s := ginmw.New(quiet, middleware.WithMaintenance(&sw))
	e := gin.New()
	e.Use(s.Middleware)
	e.POST("/v2/payments", func(c *gin.Context) { c.Status(http.StatusCreated) })
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("POST", "/v2/payments", nil))
	fmt.Println(rec.Code, rec.Header().Get("Retry-After"), rec.Body)
	// Output:
	// 503 90 {"statusCode":503,"code":"[GEN9013]","message":"[GEN9013] Service is under maintenance. Please try again later.","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSet_RequestID() {
	s := ginmw.New(quiet)
	e := gin.New()
	e.Use(s.RequestID)
	e.GET("/", func(c *gin.Context) { c.String(http.StatusOK, c.Writer.Header().Get("X-Request-Id")) })
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
	s := ginmw.New(quiet)
	e := gin.New()
	e.Use(s.Errors, s.Recover)
	e.GET("/", func(*gin.Context) { panic("nil map") })
	get(e, "GET", "/", "")
	// Output:
	// 500 {"statusCode":500,"code":"[GEN9001]","message":"[GEN9001] Internal server error","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSet_Maintenance() {
	var sw middleware.Switch
	sw.OnFor(time.Hour)
	s := ginmw.New(quiet, middleware.WithMaintenance(&sw))
	e := gin.New()
	e.Use(s.Errors, s.Maintenance)
	e.GET("/health", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	e.GET("/v2/payments", func(c *gin.Context) { c.String(http.StatusOK, "[]") })
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
	s := ginmw.New(quiet, middleware.WithRateLimit(denyAll{}))
	e := gin.New()
	e.Use(s.Errors, s.RateLimit)
	e.GET("/", func(c *gin.Context) { c.Status(http.StatusNoContent) })
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	fmt.Println(rec.Code, rec.Header().Get("Retry-After"), rec.Header().Get("RateLimit-Limit"))
	// Output:
	// 429 3 100
}

func ExampleClassify() {
	type order struct {
		Currency string `validate:"required"`
	}
	verr := validator.New(validator.WithRequiredStructEnabled()).Struct(order{})
	for _, err := range []error{apierr.PAY0001, verr, errors.New("boom")} {
		e, _ := ginmw.Classify(err, apierr.Nexpay)
		fmt.Println(e.Status(), e.ID(), len(e.Fields()))
	}
	// Output:
	// 404 PAY0001 0
	// 400 GEN9002 1
	// 500 GEN9001 0
}

func ExampleBodyLimit() {
	defer pin()()
	e := gin.New()
	ginmw.Install(e, quiet)
	e.POST("/v2/webhooks", ginmw.BodyLimit(16), func(c *gin.Context) { c.Status(http.StatusCreated) })
	get(e, "POST", "/v2/webhooks", `{"url":"https://example.com/hooks"}`)
	// Output:
	// 413 {"statusCode":413,"code":"[GEN9413]","message":"[GEN9413] Request body is too large","timestamp":"2026-01-15T10:30:00.000Z","details":{"limit":16}}
}
