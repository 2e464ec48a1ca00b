package echov5idempotency

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/labstack/echo/v5"

	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echov5mw"
	"github.com/errkit/errkit/middleware/idempotency"
)

// The middleware's own failures go to echo's HTTPErrorHandler: echov5mw's
// answers them in its contract and reports them; a key in progress keeps
// its Retry-After.
func TestFailuresGoToErrorHandler(t *testing.T) {
	var mu sync.Mutex
	var codes []string
	e := echo.New()
	echov5mw.Install(e, middleware.WithContract(nextapi.Contract),
		middleware.WithLogger(slog.New(slog.DiscardHandler)),
		middleware.WithMetrics(func(f middleware.Failure) { mu.Lock(); codes = append(codes, f.Code); mu.Unlock() }))
	mw, err := New(idempotency.Config{Header: "X-Idempotency-Key"})
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	e.POST("/v2/payouts", func(c *echo.Context) error {
		close(started)
		<-release
		return c.JSON(http.StatusCreated, map[string]string{"id": "po_1"})
	}, mw)
	post := func(key, body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/v2/payouts", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("X-Idempotency-Key", key)
		w := httptest.NewRecorder()
		e.ServeHTTP(w, r)
		return w
	}
	done := make(chan *httptest.ResponseRecorder)
	go func() { done <- post("k", `{"a":1}`) }()
	<-started
	w := post("k", `{"a":1}`)
	if w.Code != 409 || w.Header().Get("Retry-After") != "1" || !strings.HasPrefix(w.Body.String(), `{"error":{"code":"REQUEST_IN_PROGRESS"`) {
		t.Fatalf("in progress: %d %v %s", w.Code, w.Header(), w.Body)
	}
	w = post("k", `{"a":2}`)
	if w.Code != 409 || w.Header().Get("Retry-After") != "" || !strings.HasPrefix(w.Body.String(), `{"error":{"code":"IDEMPOTENCY_CONFLICT"`) {
		t.Fatalf("mismatch: %d %s", w.Code, w.Body)
	}
	w = post("a b", `{}`)
	if w.Code != 400 || !strings.Contains(w.Body.String(), `"field":"X-Idempotency-Key","in":"header"`) {
		t.Fatalf("bad key: %d %s", w.Code, w.Body)
	}
	close(release)
	if w := <-done; w.Code != http.StatusCreated {
		t.Fatalf("first: %d", w.Code)
	}
	mu.Lock()
	defer mu.Unlock()
	if got := strings.Join(codes, " "); got != "REQUEST_IN_PROGRESS IDEMPOTENCY_CONFLICT VALIDATION_ERROR" {
		t.Errorf("metrics saw %s", got)
	}
}
