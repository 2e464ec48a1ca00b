package echomw_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echomw"
	"github.com/labstack/echo/v4"
	echomiddleware "github.com/labstack/echo/v4/middleware"
)

func pin() func() {
	return apierr.SetClock(func() time.Time { return time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC) })
}

func get(h http.Handler, method, path, body string) {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	fmt.Println(rec.Code, strings.TrimSpace(rec.Body.String()))
}

func ExampleInstall() {
	defer pin()()
	e := echo.New()
	echomw.Install(e, middleware.WithLogger(slog.New(slog.DiscardHandler)))
	e.GET("/v2/payments/:id", func(c echo.Context) error {
		return apierr.New(apierr.PAY0001).With("id", c.Param("id"))
	})
	e.POST("/v2/payments", func(c echo.Context) error {
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
	// 400 {"statusCode":400,"code":"[GEN9002]","message":"[GEN9002] Bad request","timestamp":"2026-01-15T10:30:00.000Z","details":{"reason":"truncated","problem":"Request body ends before the JSON value is complete"}}
	// 404 {"statusCode":404,"code":"[GEN9404]","message":"[GEN9404] Route not found","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSet_Handler() {
	defer pin()()
	s := echomw.New(middleware.WithLogger(slog.New(slog.DiscardHandler)))
	e := echo.New()
	e.HTTPErrorHandler = s.ErrorHandler
	e.GET("/v2/quotes/:id", func(c echo.Context) error { return apierr.QOT0001 })
	h := s.Handler(e) // serve h: &http.Server{Handler: h}
	get(h, "GET", "/v2/quotes/1", "")
	// Output:
	// 422 {"statusCode":422,"code":"[QOT0001]","message":"[QOT0001] Quote has expired","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSet_ErrorHandler() {
	defer pin()()
	e := echo.New()
	e.HTTPErrorHandler = echomw.New(middleware.WithLogger(slog.New(slog.DiscardHandler))).ErrorHandler
	e.GET("/v2/admin", func(c echo.Context) error {
		return echo.NewHTTPError(http.StatusForbidden, "user 17 lacks role admin")
	})
	get(e, "GET", "/v2/admin", "")
	// Output:
	// 403 {"statusCode":403,"code":"[GEN9004]","message":"[GEN9004] Forbidden","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleSet_DenyHandler() {
	e := echo.New()
	s := echomw.Install(e, middleware.WithLogger(slog.New(slog.DiscardHandler)))
	e.Use(echomiddleware.RateLimiterWithConfig(echomiddleware.RateLimiterConfig{
		Store: echomiddleware.NewRateLimiterMemoryStoreWithConfig(
			echomiddleware.RateLimiterMemoryStoreConfig{Rate: 1, Burst: 1}),
		DenyHandler: s.DenyHandler(1, 1),
	}))
	e.GET("/v2/payments", func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })
	for range 2 {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest("GET", "/v2/payments", nil))
		fmt.Println(rec.Code, rec.Header().Values("Retry-After"))
	}
	// Output:
	// 204 []
	// 429 [1]
}

func ExampleClassify() {
	for _, err := range []error{
		echo.ErrNotFound,
		echo.ErrMethodNotAllowed,
		echo.ErrStatusRequestEntityTooLarge,
		echo.ErrUnsupportedMediaType,
		echo.NewHTTPError(http.StatusUnauthorized, "token expired"),
	} {
		e, _ := echomw.Classify(err, apierr.Nexpay)
		fmt.Println(e.Status(), e.ID())
	}
	// Output:
	// 404 GEN9404
	// 405 GEN9405
	// 413 GEN9413
	// 415 GEN9415
	// 401 GEN9003
}

func ExampleSet_Middleware() {
	e := echo.New()
	s := echomw.New(middleware.WithLogger(slog.New(slog.DiscardHandler)))
	e.HTTPErrorHandler = s.ErrorHandler
	e.Use(s.Middleware)
	s.Switch().OnFor(30 * time.Second)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("POST", "/v2/payments", nil))
	fmt.Println(rec.Code, rec.Header().Get("Retry-After"))
	// Output:
	// 503 30
}

// HEAD is answered by the GET route, without a body; a 405 lists HEAD.
func ExampleHeadAsGet() {
	e := echo.New()
	e.Pre(echomw.HeadAsGet) // without the set's error handler
	e.GET("/v2/payments/:id", func(c echo.Context) error { return c.String(200, "paid") })
	for _, m := range []string{"GET", "HEAD"} {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(m, "/v2/payments/1", nil))
		fmt.Printf("%s %d %q\n", m, rec.Code, rec.Body)
	}
	// Output:
	// GET 200 "paid"
	// HEAD 200 ""
}

// HEAD is answered wherever GET is, once asked for: a HEAD with no route of
// its own is served by the GET route, its body dropped, and a 405 lists
// HEAD.
func ExampleSet_ServeHeadAsGet() {
	e := echo.New()
	echomw.Install(e, middleware.WithLogger(slog.New(slog.DiscardHandler))).ServeHeadAsGet(e)
	e.GET("/v2/payments/:id", func(c echo.Context) error { return c.String(200, "paid "+c.Param("id")) })
	for _, m := range []string{"GET", "HEAD", "DELETE"} {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(m, "/v2/payments/1", nil))
		fmt.Printf("%s %d body %t Allow %q\n", m, rec.Code, rec.Body.Len() > 0, rec.Header().Get("Allow"))
	}
	// Output:
	// GET 200 body true Allow ""
	// HEAD 200 body false Allow ""
	// DELETE 405 body true Allow "OPTIONS, GET, HEAD"
}
