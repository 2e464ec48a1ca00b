// Command echo is the quick start of errkit's echo v4 door.
package main

import (
	"log"
	"net/http"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware/echomw"
	"github.com/errkit/errkit/validation"
	"github.com/errkit/errkit/validation/echovalidation"
	"github.com/labstack/echo/v4"
)

type createPayment struct {
	Amount   string `json:"amount" validate:"required,amount=2"`
	Currency string `json:"currency" validate:"required,iso4217"`
}

func newServer() http.Handler {
	e := echo.New()
	e.Binder = echovalidation.NewBinder()
	e.Validator = validation.New()
	echomw.Install(e) // error handler, request ID, recover, maintenance, rate limit

	e.GET("/v2/payments/:id", func(c echo.Context) error {
		return apierr.New(apierr.PAY0001).With("id", c.Param("id"))
	})
	e.POST("/v2/payments", func(c echo.Context) error {
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
