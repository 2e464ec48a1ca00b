// Command plainecho is the load test's baseline: the routes of errkit's
// example server that the load test hits, on echo v4 with echo's default
// error handler and nothing of errkit.
//
//	go run ./cmd/plainecho -addr 127.0.0.1:18081
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/labstack/echo/v4"
)

// apiKey is the sandbox's demo key, which the load test sends to both
// servers.
const apiKey = "ApiKey pk_test_sandbox"

type health struct {
	Status      string `json:"status"`
	Maintenance bool   `json:"maintenance"`
}

// newServer returns the baseline: GET /health answers 200, GET
// /v2/payments/:id checks the API key and answers 404 for every ID, with
// echo's default error handler.
func newServer() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.GET("/health", func(c echo.Context) error {
		return c.JSON(http.StatusOK, health{Status: "ok"})
	})
	e.GET("/v2/payments/:id", func(c echo.Context) error {
		if c.Request().Header.Get(echo.HeaderAuthorization) != apiKey {
			return echo.ErrUnauthorized
		}
		return echo.NewHTTPError(http.StatusNotFound, "Payment not found")
	})
	return e
}

func main() {
	addr := flag.String("addr", "127.0.0.1:18081", "`address` to listen on")
	flag.Parse()
	e := newServer()
	srv := &http.Server{Addr: *addr, Handler: e, ReadHeaderTimeout: 5 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "plainecho:", err)
		os.Exit(1)
	}
}
