// Command echov5 is the quick start of errkit's echo v5 door.
package main

import (
	"log"
	"net/http"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware/echov5mw"
	"github.com/errkit/errkit/validation"
	"github.com/errkit/errkit/validation/echov5validation"
	"github.com/labstack/echo/v5"
)

type createPayment struct {
	Amount   string `json:"amount" validate:"required,amount=2"`
	Currency string `json:"currency" validate:"required,iso4217"`
}

func newServer() http.Handler {
	kit := echov5mw.New()
	// The error handler, request ID, recover, maintenance, rate limit, and
	// a router that answers HEAD by the GET routes.
	e := kit.NewEcho(echo.Config{
		Binder:    echov5validation.NewBinder(),
		Validator: validation.New(),
	})

	e.GET("/v2/payments/:id", func(c *echo.Context) error {
		return apierr.New(apierr.PAY0001).With("id", c.Param("id"))
	})
	e.POST("/v2/payments", func(c *echo.Context) error {
		var req createPayment
		if err := c.Bind(&req); err != nil {
			return err
		}
		if err := c.Validate(&req); err != nil {
			return err
		}
		return c.JSON(http.StatusCreated, req)
	})
	return e
}

func main() { log.Fatal(http.ListenAndServe("127.0.0.1:8080", newServer())) }
