package main

import (
	"net/http"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/examples/internal/sandbox"
	"github.com/errkit/errkit/validation"
)

// api holds the routes' handlers: each decodes and validates its request,
// calls the service and writes the answer, or returns the error.
type api struct {
	svc         *sandbox.Service
	keys        sandbox.Keys
	maintenance sandbox.MaintenanceSwitch
	validate    *validation.Validator
	maxBody     int64
}

// decode reads the JSON body into v and validates it: every failure is a
// condition the middleware answers in the contract.
func (a *api) decode(r *http.Request, v any) error {
	return validation.DecodeJSON(r, v, validation.MaxBytes(a.maxBody), validation.WithValidator(a.validate))
}

func (a *api) health(w http.ResponseWriter, r *http.Request) error {
	_, on := a.maintenance.MaintenanceUntil(r.Context())
	return sandbox.WriteJSON(w, http.StatusOK, sandbox.Health{Status: "ok", Maintenance: on})
}

func (a *api) createPayee(w http.ResponseWriter, r *http.Request) error {
	var req sandbox.PayeeRequest
	if err := a.decode(r, &req); err != nil {
		return sandbox.ValidationAs(err, apierr.PYE0003)
	}
	p, err := a.svc.CreatePayee(req)
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(w, http.StatusCreated, p)
}

func (a *api) getPayee(w http.ResponseWriter, r *http.Request) error {
	p, err := a.svc.Payee(r.PathValue("id"))
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(w, http.StatusOK, p)
}

func (a *api) createQuote(w http.ResponseWriter, r *http.Request) error {
	var req sandbox.QuoteRequest
	if err := a.decode(r, &req); err != nil {
		return err
	}
	q, err := a.svc.CreateQuote(req)
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(w, http.StatusCreated, q)
}

func (a *api) createPayment(w http.ResponseWriter, r *http.Request) error {
	var req sandbox.PaymentRequest
	if err := a.decode(r, &req); err != nil {
		return err
	}
	p, err := a.svc.CreatePayment(req, r.Header.Get("Idempotency-Key") != "")
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(w, http.StatusCreated, p)
}

func (a *api) getPayment(w http.ResponseWriter, r *http.Request) error {
	p, err := a.svc.Payment(r.PathValue("id"))
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(w, http.StatusOK, p)
}

func (a *api) cancelPayment(w http.ResponseWriter, r *http.Request) error {
	p, err := a.svc.CancelPayment(r.PathValue("id"))
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(w, http.StatusOK, p)
}

func (a *api) uploadDocument(w http.ResponseWriter, r *http.Request) error {
	name, data, err := sandbox.ReadUpload(w, r)
	if err != nil {
		return err
	}
	d, err := a.svc.AddDocument(name, data)
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(w, http.StatusCreated, d)
}

func (a *api) getDocument(w http.ResponseWriter, r *http.Request) error {
	d, err := a.svc.Document(r.PathValue("id"))
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(w, http.StatusOK, d)
}

func (a *api) subscribe(w http.ResponseWriter, r *http.Request) error {
	var req sandbox.WebhookRequest
	if err := a.decode(r, &req); err != nil {
		return err
	}
	wh, err := a.svc.Subscribe(req)
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(w, http.StatusCreated, wh)
}

func (a *api) gatewayCallback(w http.ResponseWriter, r *http.Request) error {
	var req sandbox.CallbackRequest
	if err := a.decode(r, &req); err != nil {
		return sandbox.ValidationAs(err, apierr.GWY0003)
	}
	rc, err := a.svc.GatewayCallback(req)
	if err != nil {
		return err
	}
	return sandbox.WriteJSON(w, http.StatusOK, rc)
}

func (a *api) panic(w http.ResponseWriter, r *http.Request) error {
	sandbox.Panic()
	return nil
}
