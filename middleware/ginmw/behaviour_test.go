package ginmw_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/ginmw"
	"github.com/errkit/errkit/middleware/internal/doortest"
	"github.com/gin-gonic/gin"
)

type body struct {
	Code    string
	Message string
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

// gin's own ways of failing never reach the client outside the contract;
// a handler's own JSON body passes.
func TestGinAnswers(t *testing.T) {
	e, _ := newGin(doortest.Quiet())
	e.GET("/abort", func(c *gin.Context) { c.AbortWithStatus(http.StatusUnauthorized) })
	e.GET("/abort-error", func(c *gin.Context) { _ = c.AbortWithError(http.StatusForbidden, errors.New(doortest.Secret)) })
	e.GET("/abort-apierr", func(c *gin.Context) { _ = c.AbortWithError(http.StatusBadRequest, apierr.PAY0001) })
	e.GET("/string", func(c *gin.Context) { c.String(http.StatusConflict, "conflict: "+doortest.Secret) })
	e.GET("/status", func(c *gin.Context) { c.Status(http.StatusNotFound) })
	e.GET("/own", func(c *gin.Context) { c.JSON(http.StatusTeapot, gin.H{"mine": true}) })
	e.GET("/nocontent", func(c *gin.Context) { c.Status(http.StatusNoContent) })
	e.GET("/error-after-ok", func(c *gin.Context) {
		c.String(http.StatusOK, "done")
		_ = c.Error(errors.New("audit log unavailable"))
	})
	e.GET("/panic-5xx", func(c *gin.Context) { c.Status(http.StatusServiceUnavailable); panic(doortest.Secret) })
	cases := []struct {
		target string
		status int
		code   string
		body   string
	}{
		{"/abort", 401, "[GEN9003]", ""},
		{"/abort-error", 403, "[GEN9004]", ""},
		{"/abort-apierr", 404, "[PAY0001]", ""},
		{"/string", 409, "[GEN9409]", ""},
		{"/status", 404, "[GEN9404]", ""},
		{"/own", 418, "", `{"mine":true}`},
		{"/nocontent", 204, "", ""},
		{"/error-after-ok", 200, "", "done"},
		{"/panic-5xx", 500, "[GEN9001]", ""},
		{"/v2/payments/", 404, "[GEN9404]", ""},  // no trailing-slash redirect
		{"/V2/payments/1", 404, "[GEN9404]", ""}, // no fixed-path redirect
	}
	for _, tc := range cases {
		rec := doortest.Get(e, "GET", tc.target)
		if rec.Code != tc.status {
			t.Errorf("%s: %d %s, want %d", tc.target, rec.Code, rec.Body, tc.status)
			continue
		}
		if tc.code != "" {
			if b := decode(t, rec); b.Code != tc.code || rec.Header().Get("Content-Type") != apierr.Nexpay.ContentType() {
				t.Errorf("%s: %s %q, want %s", tc.target, b.Code, rec.Header().Get("Content-Type"), tc.code)
			}
		} else if rec.Body.String() != tc.body {
			t.Errorf("%s: body %q, want %q", tc.target, rec.Body, tc.body)
		}
		if strings.Contains(rec.Body.String(), doortest.Secret) {
			t.Errorf("%s: body leaks: %s", tc.target, rec.Body)
		}
	}
}

// deny turns every client away for a second, counting the requests.
type deny struct{ n atomic.Int64 }

func (d *deny) Allow(context.Context, string) middleware.RateDecision {
	d.n.Add(1)
	return middleware.RateDecision{Wait: time.Second, Limit: 10}
}

type allow struct{ n atomic.Int64 }

func (a *allow) Allow(context.Context, string) middleware.RateDecision {
	a.n.Add(1)
	return middleware.RateDecision{Allowed: true, Limit: 10}
}

// HEAD on a GET route is served by it once: the limiter and the
// middleware after the set see it once; its body is dropped and its
// length sent. A HEAD route of its own is kept.
func TestHead(t *testing.T) {
	lim := new(allow)
	e := gin.New()
	ginmw.Install(e, doortest.Quiet(), middleware.WithRateLimit(lim))
	var seen atomic.Int64
	e.Use(func(c *gin.Context) { seen.Add(1) })
	e.GET("/x", func(c *gin.Context) { c.String(200, "get body") })
	e.GET("/y", func(c *gin.Context) { c.String(200, "get") })
	e.HEAD("/y", func(c *gin.Context) { c.Header("X-Head", "1"); c.Status(204) })
	e.POST("/z", func(c *gin.Context) { c.Status(201) })
	srv := httptest.NewServer(e)
	defer srv.Close()
	head := func(path string) *http.Response {
		req, _ := http.NewRequest("HEAD", srv.URL+path, nil)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if resp := head("/x"); resp.StatusCode != 200 || resp.ContentLength != int64(len("get body")) || resp.Header.Get("Allow") != "" {
		t.Errorf("HEAD /x: %d length %d %v", resp.StatusCode, resp.ContentLength, resp.Header)
	}
	if lim.n.Load() != 1 {
		t.Errorf("the limiter counted HEAD /x %d times", lim.n.Load())
	}
	if seen.Load() != 1 {
		t.Errorf("gin middleware after the set ran %d times for one HEAD", seen.Load())
	}
	if resp := head("/y"); resp.StatusCode != 204 || resp.Header.Get("X-Head") != "1" {
		t.Errorf("HEAD /y: %d %v", resp.StatusCode, resp.Header)
	}
	if resp := head("/z"); resp.StatusCode != 405 || resp.Header.Get("Allow") != "POST" {
		t.Errorf("HEAD /z: %d %v", resp.StatusCode, resp.Header)
	}
	if rec := doortest.Get(e, "DELETE", "/x"); rec.Code != 405 || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("DELETE /x: %d %v", rec.Code, rec.Header())
	}
}

func TestMaintenanceAndRateLimit(t *testing.T) {
	var sw middleware.Switch
	lim := new(deny)
	e, _ := newGin(doortest.Quiet(), middleware.WithMaintenance(&sw), middleware.WithRateLimit(lim))
	rec := doortest.Get(e, "GET", "/v2/payments/1")
	if b := decode(t, rec); rec.Code != 429 || b.Code != "[GEN9429]" || rec.Header().Get("Retry-After") != "1" || rec.Header().Get("RateLimit-Limit") != "10" {
		t.Errorf("rate limited: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	sw.OnFor(time.Hour)
	rec = doortest.Get(e, "GET", "/v2/nothing")
	if b := decode(t, rec); rec.Code != 503 || b.Code != "[GEN9013]" || rec.Header().Get("Retry-After") != "3600" {
		t.Errorf("maintenance: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
}

// The pieces, set one by one after Errors, answer as the whole set does.
func TestPieces(t *testing.T) {
	var sw middleware.Switch
	sw.OnFor(time.Minute)
	s := ginmw.New(doortest.Quiet(), middleware.WithMaintenance(&sw), middleware.WithRateLimit(new(deny)))
	e := gin.New()
	e.Use(s.Errors, s.RequestID, s.Recover, s.Maintenance)
	e.GET("/panic", func(*gin.Context) { panic("boom " + doortest.Secret) })
	rec := doortest.Get(e, "GET", "/panic")
	if b := decode(t, rec); rec.Code != 503 || b.Code != "[GEN9013]" || rec.Header().Get("X-Request-Id") == "" {
		t.Errorf("maintenance piece: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	sw.Off()
	rec = doortest.Get(e, "GET", "/panic")
	if b := decode(t, rec); rec.Code != 500 || b.Code != "[GEN9001]" {
		t.Errorf("recover piece: %d %s", rec.Code, rec.Body)
	}
	doortest.NoSecret(t, "gin", rec)
	if rec := doortest.Get(e, "GET", "/nothing"); rec.Code != 404 || decode(t, rec).Code != "[GEN9404]" {
		t.Errorf("Errors piece, no route: %d %s", rec.Code, rec.Body)
	}
	e2 := gin.New()
	e2.Use(s.Errors, s.RateLimit)
	e2.GET("/x", func(c *gin.Context) { c.Status(204) })
	if rec := doortest.Get(e2, "GET", "/x"); rec.Code != 429 {
		t.Errorf("rate limit piece: %d", rec.Code)
	}
}

func TestAbortHandlerRepanics(t *testing.T) {
	e, _ := newGin(doortest.Quiet())
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Fatalf("recovered %v, want http.ErrAbortHandler", v)
		}
	}()
	doortest.Get(e, "GET", "/v2/fail/abort")
	t.Fatal("no panic")
}

// With gin.Default's Logger and Recovery in front, the set still answers
// a panic in the contract.
func TestGinDefault(t *testing.T) {
	gin.DefaultWriter, gin.DefaultErrorWriter = io.Discard, io.Discard // gin.Default's Logger
	e := gin.Default()
	ginmw.Install(e, doortest.Quiet())
	e.GET("/panic", func(*gin.Context) { panic("boom") })
	if rec := doortest.Get(e, "GET", "/panic"); rec.Code != 500 || decode(t, rec).Code != "[GEN9001]" {
		t.Errorf("%d %s", rec.Code, rec.Body)
	}
}

func TestLogging(t *testing.T) {
	var buf bytes.Buffer
	e, _ := newGin(middleware.WithLogger(slog.New(slog.NewJSONHandler(&buf, nil))))
	doortest.Get(e, "GET", "/v2/payments/42")
	doortest.Get(e, "GET", "/v2/nothing")
	logs := buf.String()
	if strings.Count(logs, `"msg":"request failed"`) != 2 || !strings.Contains(logs, `"route":"/v2/payments/:id"`) || !strings.Contains(logs, `"route":""`) {
		t.Errorf("log:\n%s", logs)
	}
}

func TestBodyLimit(t *testing.T) {
	e, _ := newGin(doortest.Quiet())
	e.POST("/x", ginmw.BodyLimit(8), ginmw.Handler(func(c *gin.Context) error {
		_, err := c.Request.Body.Read(make([]byte, 64))
		if err != nil {
			return err
		}
		c.Status(204)
		return nil
	}))
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
