package echov5idempotency_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/labstack/echo/v5"

	"github.com/errkit/errkit/middleware/idempotency"
	"github.com/errkit/errkit/middleware/idempotency/echov5idempotency"
)

func ExampleNew() {
	e := echo.New()
	mw, err := echov5idempotency.New(idempotency.Config{})
	if err != nil {
		panic(err)
	}
	e.Use(mw)
	runs := 0
	e.POST("/v2/payments", func(c *echo.Context) error {
		runs++
		return c.JSON(http.StatusCreated, map[string]string{"id": "pay_1"})
	})
	for range 2 {
		r := httptest.NewRequest(http.MethodPost, "/v2/payments", strings.NewReader(`{"amount":"10.00"}`))
		r.Header.Set("Idempotency-Key", "7f1e4a53")
		w := httptest.NewRecorder()
		e.ServeHTTP(w, r)
		fmt.Print(w.Code, " ", w.Header().Get(idempotency.ReplayHeader), " ", w.Body)
	}
	fmt.Println("runs:", runs)
	// Output:
	// 201  {"id":"pay_1"}
	// 201 true {"id":"pay_1"}
	// runs: 1
}

// One [idempotency.Middleware] can serve both doors, sharing its store.
func ExampleMiddleware() {
	m, _ := idempotency.New(idempotency.Config{Header: "X-Idempotency-Key"})
	e := echo.New()
	e.Use(echov5idempotency.Middleware(m))
	std := m.Handler(http.NotFoundHandler())
	fmt.Println(e != nil, std != nil)
	// Output: true true
}
