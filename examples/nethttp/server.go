package main

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/errkit/errkit/examples/internal/sandbox"
)

// newServer builds the sandbox on a ServeMux, wrapped in errkit's net/http
// middleware.
func newServer(cfg sandbox.Config, log *slog.Logger) (http.Handler, error) {
	contract, err := sandbox.ContractNamed(cfg.Contract)
	if err != nil {
		return nil, err
	}
	a := &api{svc: sandbox.NewService(cfg.QuoteTTL), cfg: cfg}
	a.decode = func(w http.ResponseWriter, r *http.Request, v any) error {
		return fbDecode(w, r, cfg.MaxBody, v)
	}
	h := fbHandle(contract, log)

	mux := http.NewServeMux()
	mux.Handle("GET /health", h(a.health))
	mux.Handle("POST /v2/payees", h(a.createPayee))
	mux.Handle("GET /v2/payees/{id}", h(a.getPayee))
	mux.Handle("POST /v2/quotes", h(a.createQuote))
	mux.Handle("POST /v2/payments", h(a.createPayment))
	mux.Handle("GET /v2/payments/{id}", h(a.getPayment))
	mux.Handle("POST /v2/payments/{id}/cancel", h(a.cancelPayment))
	mux.Handle("POST /v2/documents", h(a.uploadDocument))
	mux.Handle("GET /v2/documents/{id}", h(a.getDocument))
	mux.Handle("POST /v2/webhooks", h(a.subscribe))
	mux.Handle("POST /v2/gateway/callback", h(a.gatewayCallback))
	mux.Handle("GET /v2/debug/panic", h(a.panic))
	mux.Handle("PUT /admin/maintenance", h(a.adminOnly(a.maintenanceOn)))
	mux.Handle("DELETE /admin/maintenance", h(a.adminOnly(a.maintenanceOff)))

	var root http.Handler = fbNotFound(mux, contract)
	root = fbRateLimit(root, cfg.Rate, contract)
	root = authenticate(root, cfg.Keys, h)
	root = fbMaintenance(root, cfg.Maintenance, contract)
	root = fbRecover(root, contract, log)
	return root, nil
}

type ctxKey struct{}

// authenticate checks the API key of every request under /v2 and puts it
// in the request's context, where the rate limit and the idempotency
// middleware scope by it.
func authenticate(next http.Handler, keys sandbox.Keys, h func(func(http.ResponseWriter, *http.Request) error) http.Handler) http.Handler {
	return h(func(w http.ResponseWriter, r *http.Request) error {
		if !strings.HasPrefix(r.URL.Path, "/v2/") {
			next.ServeHTTP(w, r)
			return nil
		}
		key, err := keys.CheckAPIKey(r)
		if err != nil {
			return err
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, key)))
		return nil
	})
}

// apiKey returns the key [authenticate] accepted, or "".
func apiKey(r *http.Request) string {
	k, _ := r.Context().Value(ctxKey{}).(string)
	return k
}

// adminOnly lets through requests with the admin token.
func (a *api) adminOnly(next func(http.ResponseWriter, *http.Request) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := a.cfg.Keys.CheckAdmin(r); err != nil {
			return err
		}
		return next(w, r)
	}
}

func (a *api) maintenanceOn(w http.ResponseWriter, r *http.Request) error {
	var req sandbox.MaintenanceRequest
	if err := a.decode(w, r, &req); err != nil {
		return err
	}
	d := time.Duration(req.RetryAfter) * time.Second
	fbSwitchOn(d)
	return sandbox.WriteJSON(w, http.StatusOK, sandbox.MaintenanceState{Maintenance: true, RetryAfter: req.RetryAfter})
}

func (a *api) maintenanceOff(w http.ResponseWriter, r *http.Request) error {
	fbSwitchOff()
	return sandbox.WriteJSON(w, http.StatusOK, sandbox.MaintenanceState{})
}

func maintenanceOn() bool { return fbSwitchActive() }
