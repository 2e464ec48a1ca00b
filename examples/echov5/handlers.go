package main

import (
	"net/http"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/examples/internal/sandbox"
	"github.com/labstack/echo/v5"
)

// api holds the routes' handlers: each binds and validates its request,
// calls the service and answers, or returns the error for errkit's error
// handler to answer in the contract.
type api struct {
	svc         *sandbox.Service
	keys        sandbox.Keys
	maintenance sandbox.MaintenanceSwitch
}

// bind decodes the body into v and validates it.
func bind(c *echo.Context, v any) error {
	if err := c.Bind(v); err != nil {
		return err
	}
	return c.Validate(v)
}

// reply writes v as the JSON answer, byte for byte as every sandbox does.
func reply(c *echo.Context, status int, v any) error {
	return sandbox.WriteJSON(c.Response(), status, v)
}

func (a *api) health(c *echo.Context) error {
	_, on := a.maintenance.MaintenanceUntil(c.Request().Context())
	return reply(c, http.StatusOK, sandbox.Health{Status: "ok", Maintenance: on})
}

func (a *api) createPayee(c *echo.Context) error {
	var req sandbox.PayeeRequest
	if err := bind(c, &req); err != nil {
		return sandbox.ValidationAs(err, apierr.PYE0003)
	}
	p, err := a.svc.CreatePayee(req)
	if err != nil {
		return err
	}
	return reply(c, http.StatusCreated, p)
}

func (a *api) getPayee(c *echo.Context) error {
	p, err := a.svc.Payee(c.Param("id"))
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, p)
}

func (a *api) createQuote(c *echo.Context) error {
	var req sandbox.QuoteRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	q, err := a.svc.CreateQuote(req)
	if err != nil {
		return err
	}
	return reply(c, http.StatusCreated, q)
}

func (a *api) createPayment(c *echo.Context) error {
	var req sandbox.PaymentRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	keyed := c.Request().Header.Get("Idempotency-Key") != ""
	p, err := a.svc.CreatePayment(req, keyed)
	if err != nil {
		return err
	}
	return reply(c, http.StatusCreated, p)
}

func (a *api) getPayment(c *echo.Context) error {
	p, err := a.svc.Payment(c.Param("id"))
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, p)
}

func (a *api) cancelPayment(c *echo.Context) error {
	p, err := a.svc.CancelPayment(c.Param("id"))
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, p)
}

func (a *api) uploadDocument(c *echo.Context) error {
	name, data, err := sandbox.ReadUpload(c.Response(), c.Request())
	if err != nil {
		return err
	}
	d, err := a.svc.AddDocument(name, data)
	if err != nil {
		return err
	}
	return reply(c, http.StatusCreated, d)
}

func (a *api) getDocument(c *echo.Context) error {
	d, err := a.svc.Document(c.Param("id"))
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, d)
}

func (a *api) subscribe(c *echo.Context) error {
	var req sandbox.WebhookRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	w, err := a.svc.Subscribe(req)
	if err != nil {
		return err
	}
	return reply(c, http.StatusCreated, w)
}

func (a *api) gatewayCallback(c *echo.Context) error {
	var req sandbox.CallbackRequest
	if err := bind(c, &req); err != nil {
		return sandbox.ValidationAs(err, apierr.GWY0003)
	}
	rc, err := a.svc.GatewayCallback(req)
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, rc)
}

func (a *api) panic(*echo.Context) error {
	sandbox.Panic()
	return nil
}

func (a *api) maintenanceOn(c *echo.Context) error {
	var req sandbox.MaintenanceRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	if err := a.maintenance.OnFor(c.Request().Context(), time.Duration(req.RetryAfter)*time.Second); err != nil {
		return err
	}
	return reply(c, http.StatusOK, sandbox.MaintenanceState{Maintenance: true, RetryAfter: req.RetryAfter})
}

func (a *api) maintenanceOff(c *echo.Context) error {
	if err := a.maintenance.Off(c.Request().Context()); err != nil {
		return err
	}
	return reply(c, http.StatusOK, sandbox.MaintenanceState{})
}
