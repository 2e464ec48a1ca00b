// Command gin is the quick start of errkit's gin door.
package main

import (
	"log"
	"net/http"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware/ginmw"
	"github.com/errkit/errkit/validation/ginvalidation"
	"github.com/gin-gonic/gin"
)

type createPayment struct {
	Amount   string `json:"amount" binding:"required,amount=2"`
	Currency string `json:"currency" binding:"required,iso4217"`
}

func newServer() http.Handler {
	gin.SetMode(gin.ReleaseMode)
	// c.ShouldBindJSON fails with the validation package's field lists.
	ginvalidation.Install(ginvalidation.New())
	e := gin.New()
	// Request ID, recover, maintenance, rate limit, gin's 404 and 405 with
	// Allow, and HEAD answered by the GET routes.
	ginmw.Install(e)

	e.GET("/v2/payments/:id", ginmw.Handler(func(c *gin.Context) error {
		return apierr.New(apierr.PAY0001).With("id", c.Param("id"))
	}))
	e.POST("/v2/payments", ginmw.Handler(func(c *gin.Context) error {
		var req createPayment
		if err := c.ShouldBindJSON(&req); err != nil {
			return err
		}
		c.JSON(http.StatusCreated, req)
		return nil
	}))
	return e
}

func main() { log.Fatal(http.ListenAndServe("127.0.0.1:8080", newServer())) }
