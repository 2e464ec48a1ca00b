package ginidempotency_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/ginmw"
	"github.com/errkit/errkit/middleware/idempotency"
	"github.com/errkit/errkit/middleware/idempotency/ginidempotency"
)

func try(e http.Handler, body string) {
	r := httptest.NewRequest(http.MethodPost, "/v2/payments", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Idempotency-Key", "order-1042")
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get(idempotency.ReplayHeader), strings.TrimSpace(w.Body.String()))
}

func ExampleNew() {
	e := gin.New()
	s := ginmw.Install(e, middleware.WithLogger(slog.New(slog.DiscardHandler)))
	idem, err := ginidempotency.New(s, idempotency.Config{})
	if err != nil {
		panic(err)
	}
	runs := 0
	e.POST("/v2/payments", idem, func(c *gin.Context) {
		runs++
		c.JSON(http.StatusCreated, gin.H{"id": "pay_1", "run": runs})
	})
	try(e, `{"amount":"10.00"}`)
	try(e, `{"amount":"10.00"}`)
	try(e, `{"amount":"99.00"}`)
	// Output:
	// 201  {"id":"pay_1","run":1}
	// 201 true {"id":"pay_1","run":1}
	// 422  {"statusCode":422,"code":"[GEN9422]","message":"[GEN9422] Idempotency key reused with a different request body","timestamp":"2026-01-15T10:30:00.000Z"}
}

func ExampleMiddleware() {
	e := gin.New()
	s := ginmw.Install(e, middleware.WithLogger(slog.New(slog.DiscardHandler)))
	m, err := idempotency.New(idempotency.Config{})
	if err != nil {
		panic(err)
	}
	runs := 0
	// A failure is answered inside the capture, stored and replayed.
	e.POST("/v2/payments", ginidempotency.Middleware(s, m), ginmw.Handler(func(c *gin.Context) error {
		runs++
		return fmt.Errorf("run %d: %w", runs, errPayeeUnknown)
	}))
	try(e, `{}`)
	try(e, `{}`)
	fmt.Println("runs:", runs)
	// Output:
	// 404  {"statusCode":404,"code":"[PYE0001]","message":"[PYE0001] Payee not found","timestamp":"2026-01-15T10:30:00.000Z"}
	// 404 true {"statusCode":404,"code":"[PYE0001]","message":"[PYE0001] Payee not found","timestamp":"2026-01-15T10:30:00.000Z"}
	// runs: 1
}

var errPayeeUnknown = apierr.PYE0001
