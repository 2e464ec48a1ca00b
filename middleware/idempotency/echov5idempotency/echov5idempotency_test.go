package echov5idempotency

import (
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v5"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echov5mw"
	"github.com/errkit/errkit/middleware/idempotency"
)

func init() {
	apierr.SetClock(func() time.Time { return time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC) })
}

// newServer returns an echo server whose error handler is echov5mw's, in
// Nexpay v2, with one create route that fails as fail says.
func newServer(t *testing.T, cfg idempotency.Config, runs *atomic.Int64, fail func(n int64) error) *echo.Echo {
	t.Helper()
	e := echo.New()
	e.HTTPErrorHandler = echov5mw.New(middleware.WithLogger(slog.New(slog.DiscardHandler))).ErrorHandler
	mw, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.Use(mw)
	e.POST("/v2/payments", func(c *echo.Context) error {
		n := runs.Add(1)
		if err := fail(n); err != nil {
			return err
		}
		c.Response().Header().Set("Location", "/v2/payments/pay_1")
		return c.JSON(http.StatusCreated, map[string]any{"id": "pay_1", "run": n})
	})
	e.GET("/v2/payments", func(c *echo.Context) error {
		runs.Add(1)
		return c.String(http.StatusOK, "list")
	})
	return e
}

func send(e *echo.Echo, method, key, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, "/v2/payments", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if key != "" {
		r.Header.Set("Idempotency-Key", key)
	}
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)
	return w
}

func TestReplay(t *testing.T) {
	var runs atomic.Int64
	e := newServer(t, idempotency.Config{}, &runs, func(int64) error { return nil })
	first := send(e, http.MethodPost, "k", `{"amount":"1.00"}`)
	again := send(e, http.MethodPost, "k", `{ "amount" : "1.00" }`)
	if first.Code != http.StatusCreated || again.Code != first.Code || again.Body.String() != first.Body.String() {
		t.Fatalf("first %d %s, again %d %s", first.Code, first.Body, again.Code, again.Body)
	}
	if again.Header().Get(idempotency.ReplayHeader) != "true" || again.Header().Get("Location") != "/v2/payments/pay_1" ||
		again.Header().Get("Content-Type") != first.Header().Get("Content-Type") {
		t.Fatalf("replay headers %v", again.Header())
	}
	if runs.Load() != 1 {
		t.Fatalf("ran %d times", runs.Load())
	}
}

// An error returned by the handler goes through the error handler inside
// the capture: it is stored and replayed like any response.
func TestReturnedErrorReplayed(t *testing.T) {
	for name, err := range map[string]error{
		"apierr":     apierr.New(apierr.PAY0002).With("amount", "1.00"),
		"echo error": echo.NewHTTPError(http.StatusConflict, "duplicate"),
		"wrapped":    errors.Join(errors.New("context"), apierr.QOT0001),
	} {
		t.Run(name, func(t *testing.T) {
			var runs atomic.Int64
			e := newServer(t, idempotency.Config{}, &runs, func(int64) error { return err })
			first := send(e, http.MethodPost, "k", `{}`)
			if first.Code < 400 || first.Code >= 500 || first.Body.Len() == 0 {
				t.Fatalf("first: %d %s", first.Code, first.Body)
			}
			again := send(e, http.MethodPost, "k", `{}`)
			if again.Code != first.Code || again.Body.String() != first.Body.String() || again.Header().Get(idempotency.ReplayHeader) != "true" {
				t.Fatalf("error not replayed: %d %s", again.Code, again.Body)
			}
			if runs.Load() != 1 {
				t.Fatalf("ran %d times", runs.Load())
			}
		})
	}
}

func TestReturned5xxNotStored(t *testing.T) {
	var runs atomic.Int64
	e := newServer(t, idempotency.Config{}, &runs, func(n int64) error {
		if n == 1 {
			return errors.New("db timeout at 10.1.2.3")
		}
		return nil
	})
	if w := send(e, http.MethodPost, "k", `{}`); w.Code != http.StatusInternalServerError || strings.Contains(w.Body.String(), "10.1.2.3") {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if w := send(e, http.MethodPost, "k", `{}`); w.Code != http.StatusCreated || w.Header().Get(idempotency.ReplayHeader) != "" {
		t.Fatalf("retry: %d", w.Code)
	}
	if runs.Load() != 2 {
		t.Fatalf("ran %d times", runs.Load())
	}
}

func TestMismatchAndInvalidKey(t *testing.T) {
	var runs atomic.Int64
	e := newServer(t, idempotency.Config{}, &runs, func(int64) error { return nil })
	send(e, http.MethodPost, "k", `{"amount":"1.00"}`)
	if w := send(e, http.MethodPost, "k", `{"amount":"2.00"}`); w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "[GEN9422]") {
		t.Fatalf("mismatch: %d %s", w.Code, w.Body)
	}
	if w := send(e, http.MethodPost, "bad key", `{}`); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), `"in":"header"`) {
		t.Fatalf("invalid key: %d %s", w.Code, w.Body)
	}
	if runs.Load() != 1 {
		t.Fatalf("ran %d times", runs.Load())
	}
}

func TestNotCovered(t *testing.T) {
	var runs atomic.Int64
	e := newServer(t, idempotency.Config{}, &runs, func(int64) error { return nil })
	send(e, http.MethodGet, "k", "")
	send(e, http.MethodGet, "k", "")
	send(e, http.MethodPost, "", `{}`)
	send(e, http.MethodPost, "", `{}`)
	if runs.Load() != 4 {
		t.Fatalf("ran %d times; want 4", runs.Load())
	}
}

// The response echo's outer middleware see is the one sent, replay or not.
func TestOuterMiddlewareSeesStatus(t *testing.T) {
	var runs atomic.Int64
	var statuses []int
	e := echo.New()
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			err := next(c)
			res, _ := echo.UnwrapResponse(c.Response())
			statuses = append(statuses, res.Status)
			if !res.Committed {
				t.Error("response not committed")
			}
			return err
		}
	})
	mw, err := New(idempotency.Config{})
	if err != nil {
		t.Fatal(err)
	}
	e.Use(mw)
	e.POST("/v2/payments", func(c *echo.Context) error {
		runs.Add(1)
		return c.NoContent(http.StatusAccepted)
	})
	send(e, http.MethodPost, "k", "")
	send(e, http.MethodPost, "k", "")
	if len(statuses) != 2 || statuses[0] != http.StatusAccepted || statuses[1] != http.StatusAccepted || runs.Load() != 1 {
		t.Fatalf("statuses %v, runs %d", statuses, runs.Load())
	}
}

func TestNewError(t *testing.T) {
	if _, err := New(idempotency.Config{ReplayStatus: 500}); err == nil {
		t.Fatal("invalid config accepted")
	}
}

func TestConcurrent(t *testing.T) {
	const n = 100
	var runs atomic.Int64
	release := make(chan struct{})
	e := newServer(t, idempotency.Config{Wait: time.Minute}, &runs, func(int64) error { <-release; return nil })
	results := make(chan *httptest.ResponseRecorder, n)
	for range n {
		go func() { results <- send(e, http.MethodPost, "same", `{"amount":"1.00"}`) }()
	}
	close(release)
	var body string
	for range n {
		w := <-results
		if w.Code != http.StatusCreated || body != "" && w.Body.String() != body {
			t.Fatalf("%d %s", w.Code, w.Body)
		}
		body = w.Body.String()
	}
	if runs.Load() != 1 {
		t.Fatalf("ran %d times under %d concurrent requests", runs.Load(), n)
	}
}

// A panicking handler frees its key: the retry runs.
func TestPanicReleases(t *testing.T) {
	var runs atomic.Int64
	e := echo.New()
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) (err error) {
			defer func() {
				if recover() != nil {
					err = c.NoContent(http.StatusInternalServerError)
				}
			}()
			return next(c)
		}
	})
	mw, _ := New(idempotency.Config{})
	e.Use(mw)
	e.POST("/v2/payments", func(c *echo.Context) error {
		if runs.Add(1) == 1 {
			panic("boom")
		}
		return c.NoContent(http.StatusCreated)
	})
	if w := send(e, http.MethodPost, "k", ""); w.Code != http.StatusInternalServerError {
		t.Fatalf("first: %d", w.Code)
	}
	if w := send(e, http.MethodPost, "k", ""); w.Code != http.StatusCreated || runs.Load() != 2 {
		t.Fatalf("retry: %d, runs %d", w.Code, runs.Load())
	}
}

// Why this door exists: echo.WrapMiddleware around the net/http door runs
// the error handler after the capture is over, so the error is sent but an
// empty 200 is stored. Middleware stores and replays the error.
func TestWrapMiddlewareMissesErrors(t *testing.T) {
	m, _ := idempotency.New(idempotency.Config{})
	for name, mw := range map[string]echo.MiddlewareFunc{
		"WrapMiddleware": echo.WrapMiddleware(m.Handler),
		"Middleware":     Middleware(m),
	} {
		e := echo.New()
		e.Use(mw)
		e.POST("/v2/payments", func(c *echo.Context) error { return echo.NewHTTPError(http.StatusConflict, "duplicate") })
		key := "k-" + name
		first := send(e, http.MethodPost, key, "")
		again := send(e, http.MethodPost, key, "")
		if first.Code != http.StatusConflict {
			t.Fatalf("%s: first %d", name, first.Code)
		}
		replayed := again.Code == first.Code && again.Body.String() == first.Body.String()
		if replayed != (name == "Middleware") {
			t.Errorf("%s: first %d %q, replay %d %q", name, first.Code, first.Body, again.Code, again.Body)
		}
	}
}
