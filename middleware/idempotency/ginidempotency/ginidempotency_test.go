package ginidempotency_test

import (
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/ginmw"
	"github.com/errkit/errkit/middleware/idempotency"
	"github.com/errkit/errkit/middleware/idempotency/ginidempotency"
)

func init() {
	gin.SetMode(gin.ReleaseMode)
	apierr.SetClock(func() time.Time { return time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC) })
}

// newServer returns a gin engine behind the gin door, in Nexpay v2, with
// one create route that fails as fail says.
func newServer(t *testing.T, cfg idempotency.Config, runs *atomic.Int64, fail func(n int64) error) *gin.Engine {
	t.Helper()
	e := gin.New()
	s := ginmw.Install(e, middleware.WithLogger(slog.New(slog.DiscardHandler)))
	mw, err := ginidempotency.New(s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.POST("/v2/payments", mw, ginmw.Handler(func(c *gin.Context) error {
		n := runs.Add(1)
		if n == 1 && c.Query("panic") != "" {
			panic("boom")
		}
		if err := fail(n); err != nil {
			return err
		}
		c.Header("Location", "/v2/payments/pay_1")
		c.JSON(http.StatusCreated, map[string]any{"id": "pay_1", "run": n})
		return nil
	}))
	e.GET("/v2/payments", mw, func(c *gin.Context) {
		runs.Add(1)
		c.String(http.StatusOK, "list")
	})
	return e
}

func send(e http.Handler, method, target, key, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
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
	first := send(e, "POST", "/v2/payments", "k", `{"amount":"1.00"}`)
	again := send(e, "POST", "/v2/payments", "k", `{ "amount" : "1.00" }`)
	if first.Code != http.StatusCreated || again.Code != first.Code || again.Body.String() != first.Body.String() {
		t.Fatalf("first %d %s, again %d %s", first.Code, first.Body, again.Code, again.Body)
	}
	if again.Header().Get(idempotency.ReplayHeader) != "true" || again.Header().Get("Location") != "/v2/payments/pay_1" {
		t.Fatalf("replay headers %v", again.Header())
	}
	if runs.Load() != 1 {
		t.Fatalf("ran %d times", runs.Load())
	}
}

// An error the handler fails with is answered inside the capture: it is
// stored and replayed like any response, and answered once.
func TestReturnedErrorReplayed(t *testing.T) {
	for name, err := range map[string]error{
		"apierr":  apierr.New(apierr.PAY0002).With("amount", "1.00"),
		"wrapped": errors.Join(errors.New("context"), apierr.QOT0001),
	} {
		t.Run(name, func(t *testing.T) {
			var runs atomic.Int64
			e := newServer(t, idempotency.Config{}, &runs, func(int64) error { return err })
			first := send(e, "POST", "/v2/payments", "k", `{}`)
			if first.Code < 400 || first.Code >= 500 || strings.Count(first.Body.String(), `"statusCode"`) != 1 {
				t.Fatalf("first: %d %s", first.Code, first.Body)
			}
			again := send(e, "POST", "/v2/payments", "k", `{}`)
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
	if w := send(e, "POST", "/v2/payments", "k", `{}`); w.Code != http.StatusInternalServerError || strings.Contains(w.Body.String(), "10.1.2.3") {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if w := send(e, "POST", "/v2/payments", "k", `{}`); w.Code != http.StatusCreated || w.Header().Get(idempotency.ReplayHeader) != "" {
		t.Fatalf("retry: %d", w.Code)
	}
	if runs.Load() != 2 {
		t.Fatalf("ran %d times", runs.Load())
	}
}

func TestMismatchAndInvalidKey(t *testing.T) {
	var runs atomic.Int64
	e := newServer(t, idempotency.Config{}, &runs, func(int64) error { return nil })
	send(e, "POST", "/v2/payments", "k", `{"amount":"1.00"}`)
	if w := send(e, "POST", "/v2/payments", "k", `{"amount":"2.00"}`); w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "[GEN9422]") {
		t.Fatalf("mismatch: %d %s", w.Code, w.Body)
	}
	if w := send(e, "POST", "/v2/payments", "bad key", `{}`); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), `"in":"header"`) {
		t.Fatalf("invalid key: %d %s", w.Code, w.Body)
	}
	if runs.Load() != 1 {
		t.Fatalf("ran %d times", runs.Load())
	}
}

func TestNotCovered(t *testing.T) {
	var runs atomic.Int64
	e := newServer(t, idempotency.Config{}, &runs, func(int64) error { return nil })
	send(e, "GET", "/v2/payments", "k", "")
	send(e, "GET", "/v2/payments", "k", "")
	send(e, "POST", "/v2/payments", "", `{}`)
	send(e, "POST", "/v2/payments", "", `{}`)
	if runs.Load() != 4 {
		t.Fatalf("ran %d times; want 4", runs.Load())
	}
}

func TestNewError(t *testing.T) {
	if _, err := ginidempotency.New(ginmw.New(), idempotency.Config{ReplayStatus: 500}); err == nil {
		t.Fatal("invalid config accepted")
	}
}

func TestConcurrent(t *testing.T) {
	const n = 50
	var runs atomic.Int64
	release := make(chan struct{})
	e := newServer(t, idempotency.Config{Wait: time.Minute}, &runs, func(int64) error { <-release; return nil })
	results := make(chan *httptest.ResponseRecorder, n)
	for range n {
		go func() { results <- send(e, "POST", "/v2/payments", "same", `{"amount":"1.00"}`) }()
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

// A panicking handler is answered 500 in the contract and frees its key:
// the retry runs.
func TestPanicReleases(t *testing.T) {
	var runs atomic.Int64
	e := newServer(t, idempotency.Config{}, &runs, func(int64) error { return nil })
	if w := send(e, "POST", "/v2/payments?panic=1", "k", ""); w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), "[GEN9001]") {
		t.Fatalf("first: %d %s", w.Code, w.Body)
	}
	if w := send(e, "POST", "/v2/payments?panic=1", "k", ""); w.Code != http.StatusCreated || runs.Load() != 2 {
		t.Fatalf("retry: %d, runs %d", w.Code, runs.Load())
	}
}
