package echomw_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echomw"
	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"
)

// HEAD on a route with GET only is served by the GET route, once, through
// e's middleware, with its path parameters, its status and headers, no
// body.
func TestHeadServedByGet(t *testing.T) {
	e := echo.New()
	echomw.Install(e, quiet()).ServeHeadAsGet(e)
	var seen []string
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			seen = append(seen, c.Request().Method)
			c.Response().Header().Set("X-Mw", "1")
			return next(c)
		}
	})
	e.GET("/v2/payments/:id", func(c echo.Context) error {
		c.Response().Header().Set("X-Id", c.Param("id"))
		return c.String(201, "paid")
	})
	e.POST("/v2/payments", func(c echo.Context) error { return c.NoContent(201) })

	for _, tc := range []struct {
		method, target string
		status         int
		header         map[string]string
		body           string
		seen           string
	}{
		{"HEAD", "/v2/payments/42", 201, map[string]string{"X-Id": "42", "X-Mw": "1", "Allow": ""}, "", "GET"},
		{"GET", "/v2/payments/42", 201, map[string]string{"X-Id": "42"}, "paid", "GET"},
		{"HEAD", "/v2/payments", 405, map[string]string{"Allow": "OPTIONS, POST"}, "", "HEAD"},
		{"DELETE", "/v2/payments/7", 405, map[string]string{"Allow": "OPTIONS, GET, HEAD"}, "", "DELETE"},
		{"HEAD", "/v2/nothing", 404, map[string]string{"Allow": ""}, "", "HEAD"},
	} {
		seen = nil
		rec := serveEcho(e, tc.method, tc.target)
		if rec.Code != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.target, rec.Code, tc.status)
		}
		for k, v := range tc.header {
			if got := rec.Header().Get(k); got != v {
				t.Errorf("%s %s: %s %q, want %q", tc.method, tc.target, k, got, v)
			}
		}
		if tc.method == "HEAD" && rec.Body.Len() != 0 || tc.body != "" && rec.Body.String() != tc.body {
			t.Errorf("%s %s: body %q", tc.method, tc.target, rec.Body)
		}
		if got := strings.Join(seen, " "); got != tc.seen {
			t.Errorf("%s %s: middleware saw %q, want %q", tc.method, tc.target, got, tc.seen)
		}
		if !middleware.ValidRequestID(rec.Header().Get(middleware.RequestIDHeader)) {
			t.Errorf("%s %s: no request ID", tc.method, tc.target)
		}
	}
}

// A HEAD served again as GET is counted once against the rate limit, keeps
// its request ID, and a failing GET answers its error's status.
func TestHeadServedByGetOnce(t *testing.T) {
	e := echo.New()
	echomw.Install(e, quiet(), middleware.WithRateLimit(middleware.NewTokenBucket(rate.Every(1<<62), 2, 0))).ServeHeadAsGet(e)
	e.GET("/x", func(c echo.Context) error { return c.String(200, "x") })
	e.GET("/gone", func(c echo.Context) error { return echo.ErrNotFound })

	req := httptest.NewRequest("HEAD", "/x", nil)
	req.Header.Set(middleware.RequestIDHeader, "req-1")
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	if rec.Code != 200 || rec.Body.Len() != 0 || rec.Header().Get(middleware.RequestIDHeader) != "req-1" {
		t.Errorf("HEAD: %d %q %v", rec.Code, rec.Body, rec.Header())
	}
	if rec := serveEcho(e, "HEAD", "/gone"); rec.Code != 404 || rec.Body.Len() != 0 || rec.Header().Get("Content-Type") == "" {
		t.Errorf("HEAD of a failing GET: %d %q %v", rec.Code, rec.Body, rec.Header())
	}
	if rec := serveEcho(e, "HEAD", "/x"); rec.Code != 429 || rec.Body.Len() != 0 {
		t.Errorf("third request: %d %q, want 429", rec.Code, rec.Body)
	}
}

// Maintenance fails a HEAD before it is served as GET.
func TestHeadInMaintenance(t *testing.T) {
	sw := new(middleware.Switch)
	e := echo.New()
	echomw.Install(e, quiet(), middleware.WithMaintenance(sw)).ServeHeadAsGet(e)
	e.GET("/x", func(c echo.Context) error { return c.String(200, "x") })
	sw.OnFor(time.Hour)
	if rec := serveEcho(e, "HEAD", "/x"); rec.Code != 503 || rec.Body.Len() != 0 {
		t.Errorf("HEAD in maintenance: %d %q", rec.Code, rec.Body)
	}
}

// A HEAD whose path the router fails on another route (405 listing POST
// only) is still served by the GET route that matches it.
func TestHeadServedByMatchingGet(t *testing.T) {
	e := echo.New()
	echomw.Install(e, quiet()).ServeHeadAsGet(e)
	e.GET("/v2/payments/:id", func(c echo.Context) error {
		c.Response().Header().Set("X-Id", c.Param("id"))
		return c.String(200, "paid")
	})
	e.POST("/v2/payments/batch", func(c echo.Context) error { return c.NoContent(201) })
	get := serveEcho(e, "GET", "/v2/payments/batch")
	head := serveEcho(e, "HEAD", "/v2/payments/batch")
	if get.Code != 200 || head.Code != get.Code || head.Header().Get("X-Id") != get.Header().Get("X-Id") || head.Body.Len() != 0 {
		t.Errorf("HEAD %d X-Id %q body %q; GET %d X-Id %q", head.Code, head.Header().Get("X-Id"), head.Body,
			get.Code, get.Header().Get("X-Id"))
	}
}

// HEAD is routed to the GET route once: echo serves the request one time,
// its pre-middleware and handler run once, through Install and through
// Handler alike, and an explicit HEAD route keeps its own requests.
func TestHeadDispatchedOnce(t *testing.T) {
	for _, door := range []string{"Install", "Handler"} {
		e := echo.New()
		var h http.Handler = e
		if door == "Install" {
			echomw.Install(e, quiet()).ServeHeadAsGet(e)
		} else {
			s := echomw.New(quiet())
			e.HTTPErrorHandler = s.ErrorHandler
			h = s.Handler(e)
		}
		var pre, gets, heads int
		e.Pre(func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error { pre++; return next(c) }
		})
		e.GET("/x", func(c echo.Context) error { gets++; return c.String(200, "x") })
		e.GET("/y", func(c echo.Context) error { return c.String(200, "y") })
		e.HEAD("/y", func(c echo.Context) error { heads++; return c.NoContent(204) })
		if rec := serveEcho(h, "HEAD", "/x"); rec.Code != 200 || rec.Body.Len() != 0 || pre != 1 || gets != 1 {
			t.Errorf("%s: HEAD /x: %d %q, pre-middleware ran %d times, handler %d", door, rec.Code, rec.Body, pre, gets)
		}
		if rec := serveEcho(h, "HEAD", "/y"); rec.Code != 204 || heads != 1 {
			t.Errorf("%s: HEAD /y: %d, its own route ran %d times", door, rec.Code, heads)
		}
	}
}

// TestInstallHeadAsGetOnTwoEchos checks that a set made WithHeadAsGet
// serves HEAD like GET on every echo it is installed on, not the first
// only.
func TestInstallHeadAsGetOnTwoEchos(t *testing.T) {
	s := echomw.New(middleware.WithHeadAsGet(), middleware.WithLogger(slog.New(slog.DiscardHandler)))
	for i := range 2 {
		e := echo.New()
		s.Install(e)
		e.GET("/ping", func(c echo.Context) error { return c.String(http.StatusOK, "pong") })
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/ping", nil))
		if rec.Code != http.StatusOK {
			t.Errorf("echo %d: HEAD /ping answered %d, want 200 as GET", i+1, rec.Code)
		}
	}
}
