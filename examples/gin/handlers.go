package main

import (
	"net/http"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/examples/internal/sandbox"
	"github.com/gin-gonic/gin"
)

// api holds the routes' handlers: each binds and validates its request
// with gin's ShouldBindJSON, calls the service and writes the answer, or
// returns the error for errkit's gin middleware to answer in the contract.
type api struct {
	svc         *sandbox.Service
	keys        sandbox.Keys
	maintenance sandbox.MaintenanceSwitch
}

func (a *api) health(c *gin.Context) error {
	_, on := a.maintenance.MaintenanceUntil(c.Request.Context())
	return sandbox.WriteJSON(c.Writer, http.StatusOK, sandbox.Health{Status: "ok", Maintenance: on})
}

func (a *api) createPayee(c *gin.Context) error {
	var req sandbox.PayeeRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return sandbox.ValidationAs(err, apierr.PYE0003)
	}
	p, err := a.svc.CreatePayee(req)
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(c.Writer, http.StatusCreated, p)
}

func (a *api) getPayee(c *gin.Context) error {
	p, err := a.svc.Payee(c.Param("id"))
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(c.Writer, http.StatusOK, p)
}

func (a *api) createQuote(c *gin.Context) error {
	var req sandbox.QuoteRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return err
	}
	q, err := a.svc.CreateQuote(req)
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(c.Writer, http.StatusCreated, q)
}

func (a *api) createPayment(c *gin.Context) error {
	var req sandbox.PaymentRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return err
	}
	p, err := a.svc.CreatePayment(req, c.GetHeader("Idempotency-Key") != "")
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(c.Writer, http.StatusCreated, p)
}

func (a *api) getPayment(c *gin.Context) error {
	p, err := a.svc.Payment(c.Param("id"))
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(c.Writer, http.StatusOK, p)
}

func (a *api) cancelPayment(c *gin.Context) error {
	p, err := a.svc.CancelPayment(c.Param("id"))
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(c.Writer, http.StatusOK, p)
}

func (a *api) uploadDocument(c *gin.Context) error {
	name, data, err := sandbox.ReadUpload(c.Writer, c.Request)
	if err != nil {
		return err
	}
	d, err := a.svc.AddDocument(name, data)
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(c.Writer, http.StatusCreated, d)
}

func (a *api) getDocument(c *gin.Context) error {
	d, err := a.svc.Document(c.Param("id"))
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(c.Writer, http.StatusOK, d)
}

func (a *api) subscribe(c *gin.Context) error {
	var req sandbox.WebhookRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return err
	}
	wh, err := a.svc.Subscribe(req)
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(c.Writer, http.StatusCreated, wh)
}

func (a *api) gatewayCallback(c *gin.Context) error {
	var req sandbox.CallbackRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return sandbox.ValidationAs(err, apierr.GWY0003)
	}
	rc, err := a.svc.GatewayCallback(req)
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(c.Writer, http.StatusOK, rc)
}

func (a *api) panic(*gin.Context) error {
	sandbox.Panic()
	return nil
}
