package echov5mw_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echov5mw"
	"github.com/errkit/errkit/middleware/internal/doortest"
	"github.com/labstack/echo/v5"
	echomiddleware "github.com/labstack/echo/v5/middleware"
)

type body struct {
	Code    string
	Details map[string]any
}

func decode(t *testing.T, rec *httptest.ResponseRecorder) body {
	t.Helper()
	var b body
	if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil {
		t.Fatalf("not JSON: %d %q", rec.Code, rec.Body)
	}
	return b
}

// deny turns every client away for a second.
type deny struct{ n atomic.Int64 }

func (d *deny) Allow(context.Context, string) middleware.RateDecision {
	d.n.Add(1)
	return middleware.RateDecision{Wait: time.Second, Limit: 10}
}

func TestMaintenanceAndRateLimit(t *testing.T) {
	var sw middleware.Switch
	lim := new(deny)
	e, _ := newEcho(doortest.Quiet(), middleware.WithMaintenance(&sw), middleware.WithRateLimit(lim))
	e.GET("/webhooks/x", func(c *echo.Context) error { return c.NoContent(204) })
	rec := doortest.Get(e, "GET", "/v2/payments/1")
	if b := decode(t, rec); rec.Code != 429 || b.Code != "[GEN9429]" || rec.Header().Get("Retry-After") != "1" || rec.Header().Get("RateLimit-Limit") != "10" {
		t.Errorf("rate limited: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	sw.OnFor(time.Hour)
	rec = doortest.Get(e, "GET", "/v2/payments/1")
	if b := decode(t, rec); rec.Code != 503 || b.Code != "[GEN9013]" || rec.Header().Get("Retry-After") != "3600" {
		t.Errorf("maintenance: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	rec = doortest.Get(e, "GET", "/v2/nothing")
	if rec.Code != 503 {
		t.Errorf("unknown route during maintenance: %d", rec.Code)
	}
	before := lim.n.Load()
	if rec = doortest.Get(e, "GET", "/webhooks/x"); rec.Code != 429 {
		t.Errorf("exempt path: %d, want the rate limit's 429", rec.Code)
	}
	sw.Off()
	if lim.n.Load() != before+1 {
		t.Errorf("limiter asked %d times for one request", lim.n.Load()-before)
	}
}

// The pieces, set one by one, answer as the whole set does.
func TestPieces(t *testing.T) {
	var sw middleware.Switch
	sw.OnFor(time.Minute)
	s := echov5mw.New(doortest.Quiet(), middleware.WithMaintenance(&sw), middleware.WithRateLimit(new(deny)))
	e := echo.New()
	e.HTTPErrorHandler = s.ErrorHandler
	e.Use(s.RequestID, s.Recover, s.Maintenance)
	e.GET("/panic", func(*echo.Context) error { panic("boom " + doortest.Secret) })
	rec := doortest.Get(e, "GET", "/panic")
	if b := decode(t, rec); rec.Code != 503 || b.Code != "[GEN9013]" || rec.Header().Get("X-Request-Id") == "" {
		t.Errorf("maintenance piece: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	sw.Off()
	rec = doortest.Get(e, "GET", "/panic")
	if b := decode(t, rec); rec.Code != 500 || b.Code != "[GEN9001]" {
		t.Errorf("recover piece: %d %s", rec.Code, rec.Body)
	}
	doortest.NoSecret(t, "echo v5", rec)
	e2 := echo.New()
	e2.HTTPErrorHandler = s.ErrorHandler
	e2.Use(s.RateLimit)
	e2.GET("/x", func(c *echo.Context) error { return c.NoContent(204) })
	if rec := doortest.Get(e2, "GET", "/x"); rec.Code != 429 {
		t.Errorf("rate limit piece: %d", rec.Code)
	}
}

func TestAbortHandlerRepanics(t *testing.T) {
	e, _ := newEcho(doortest.Quiet())
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Fatalf("recovered %v, want http.ErrAbortHandler", v)
		}
	}()
	doortest.Get(e, "GET", "/v2/fail/abort")
	t.Fatal("no panic")
}

// echo's own errors, and the binder's, become the contract's codes; the
// HTTPError's message, which may quote the request, is never sent.
func TestEchoErrors(t *testing.T) {
	s := echov5mw.New(doortest.Quiet())
	e := s.NewEcho(echo.Config{})
	e.Use(echomiddleware.BodyLimit(16))
	e.POST("/v2/payments", func(c *echo.Context) error {
		var p struct {
			Amount string `json:"amount"`
			Count  int    `query:"count"`
		}
		return c.Bind(&p)
	})
	e.GET("/v2/items/:n", func(c *echo.Context) error {
		var p struct {
			N int `param:"n"`
		}
		return c.Bind(&p)
	})
	e.GET("/v2/http/:code", func(c *echo.Context) error {
		var code int
		_, _ = fmt.Sscan(c.Param("code"), &code)
		return echo.NewHTTPError(code, "message quoting the request "+doortest.Secret).Wrap(errors.New(doortest.Secret))
	})
	e.GET("/v2/sentinel", func(*echo.Context) error { return echo.ErrForbidden })
	cases := []struct {
		method, target, body, ctype string
		status                      int
		code                        string
	}{
		{"POST", "/v2/payments", `{"a":1}`, "text/csv", 415, "[GEN9415]"},
		{"POST", "/v2/payments", strings.Repeat("x", 64), "application/json", 413, "[GEN9413]"},
		{"POST", "/v2/payments", `{"amount":`, "application/json", 400, "[GEN9002]"},
		{"POST", "/v2/payments", `{"amount":1}`, "application/json", 400, "[GEN9002]"},
		{"GET", "/v2/items/x", "", "", 400, "[GEN9002]"},
		{"GET", "/v2/sentinel", "", "", 403, "[GEN9004]"},
		{"GET", "/v2/http/401", "", "", 401, "[GEN9003]"},
		{"GET", "/v2/http/409", "", "", 409, "[GEN9409]"},
		{"GET", "/v2/http/418", "", "", 400, "[GEN9002]"},
		{"GET", "/v2/http/429", "", "", 429, "[GEN9429]"},
		{"GET", "/v2/http/502", "", "", 502, "[GEN9502]"},
		{"GET", "/v2/http/200", "", "", 500, "[GEN9001]"},
	}
	for _, tc := range cases {
		req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
		if tc.ctype != "" {
			req.Header.Set("Content-Type", tc.ctype)
		}
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if b := decode(t, rec); rec.Code != tc.status || b.Code != tc.code {
			t.Errorf("%s %s: %d %s, want %d %s", tc.method, tc.target, rec.Code, rec.Body, tc.status, tc.code)
		}
		if strings.Contains(rec.Body.String(), doortest.Secret) {
			t.Errorf("%s: body quotes the HTTPError: %s", tc.target, rec.Body)
		}
		if tc.status == 429 && rec.Header().Get("Retry-After") != "1" {
			t.Errorf("429 without Retry-After: %v", rec.Header())
		}
	}
}

// A HEAD route of its own is kept; without AutoHandleHEAD (an echo not
// built by NewEcho) HEAD on a GET route is a 405 whose Allow does not
// claim HEAD.
func TestHead(t *testing.T) {
	s := echov5mw.New(doortest.Quiet())
	e := s.NewEcho(echo.Config{})
	e.GET("/x", func(c *echo.Context) error { return c.String(200, "get") })
	e.HEAD("/x", func(c *echo.Context) error { c.Response().Header().Set("X-Head", "1"); return c.NoContent(204) })
	if rec := doortest.Get(e, "HEAD", "/x"); rec.Code != 204 || rec.Header().Get("X-Head") != "1" {
		t.Errorf("own HEAD route: %d %v", rec.Code, rec.Header())
	}
	if rec := doortest.Get(e, "POST", "/x"); rec.Code != 405 || rec.Header().Get("Allow") != "OPTIONS, GET, HEAD" {
		t.Errorf("POST: %d Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
	plain := echo.New()
	echov5mw.Install(plain, doortest.Quiet())
	plain.GET("/x", func(c *echo.Context) error { return c.String(200, "get") })
	if rec := doortest.Get(plain, "HEAD", "/x"); rec.Code != 405 || rec.Header().Get("Allow") != "OPTIONS, GET" {
		t.Errorf("HEAD without AutoHandleHEAD: %d Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
	if rec := doortest.Get(plain, "DELETE", "/x"); rec.Header().Get("Allow") != "OPTIONS, GET" {
		t.Errorf("DELETE without AutoHandleHEAD: Allow %q", rec.Header().Get("Allow"))
	}
}

// Echo's error handler called twice for one request (by the idempotency
// middleware, or a user's middleware) answers once.
func TestErrorHandlerAnswersOnce(t *testing.T) {
	var buf bytes.Buffer
	s := echov5mw.New(middleware.WithLogger(slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	e := s.NewEcho(echo.Config{})
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			err := next(c)
			if err != nil {
				c.Echo().HTTPErrorHandler(c, err)
			}
			return err
		}
	})
	e.GET("/x", func(*echo.Context) error { return apierr.PAY0001 })
	e.GET("/half", func(c *echo.Context) error {
		_, _ = c.Response().Write([]byte(`{"partial":`))
		return errors.New("encoder failed")
	})
	rec := doortest.Get(e, "GET", "/x")
	if rec.Code != 404 || strings.Count(rec.Body.String(), "statusCode") != 1 {
		t.Errorf("answered %d %s", rec.Code, rec.Body)
	}
	rec = doortest.Get(e, "GET", "/half")
	if rec.Code != 200 || rec.Body.String() != `{"partial":` {
		t.Errorf("committed response written over: %d %s", rec.Code, rec.Body)
	}
	logs := buf.String()
	if strings.Count(logs, `"msg":"request failed"`) != 1 || !strings.Contains(logs, `"route":"/x"`) ||
		!strings.Contains(logs, "after its response was committed") {
		t.Errorf("log:\n%s", logs)
	}
}

func TestDenyHandler(t *testing.T) {
	s := echov5mw.New(doortest.Quiet())
	e := s.NewEcho(echo.Config{})
	e.Use(echomiddleware.RateLimiterWithConfig(echomiddleware.RateLimiterConfig{
		Store:       echomiddleware.NewRateLimiterMemoryStoreWithConfig(echomiddleware.RateLimiterMemoryStoreConfig{Rate: 0.5, Burst: 1}),
		DenyHandler: s.DenyHandler(0.5, 1),
	}))
	e.GET("/x", func(c *echo.Context) error { return c.NoContent(204) })
	doortest.Get(e, "GET", "/x")
	rec := doortest.Get(e, "GET", "/x")
	if b := decode(t, rec); rec.Code != 429 || b.Code != "[GEN9429]" || rec.Header().Get("Retry-After") != "2" {
		t.Errorf("denied: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
}

func TestBodyLimit(t *testing.T) {
	s := echov5mw.New(doortest.Quiet())
	e := s.NewEcho(echo.Config{})
	e.Use(echov5mw.BodyLimit(8))
	e.POST("/x", func(c *echo.Context) error {
		_, err := c.Request().Body.Read(make([]byte, 64))
		if err != nil {
			return err
		}
		return c.NoContent(204)
	})
	for _, chunked := range []bool{false, true} {
		req := httptest.NewRequest("POST", "/x", strings.NewReader(strings.Repeat("x", 64)))
		if chunked {
			req.ContentLength = -1
		}
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if b := decode(t, rec); rec.Code != 413 || b.Code != "[GEN9413]" || b.Details["limit"] != float64(8) {
			t.Errorf("chunked %v: %d %s", chunked, rec.Code, rec.Body)
		}
	}
}
