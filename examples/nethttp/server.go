package main

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/examples/internal/sandbox"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/idempotency"
	"github.com/errkit/errkit/validation"
)

// newServer builds the sandbox on a ServeMux, behind errkit's net/http
// middleware.
func newServer(cfg sandbox.Config, log *slog.Logger) (http.Handler, error) {
	dialect, err := sandbox.DialectNamed(cfg.Contract)
	if err != nil {
		return nil, err
	}
	kit := middleware.New(sandbox.MiddlewareOptions(cfg, dialect, middleware.Classify, log)...)
	sw := sandbox.Switch(cfg, kit.Switch())
	if err := sandbox.StartMaintenance(cfg, sw); err != nil {
		return nil, err
	}
	idem, err := idempotency.New(sandbox.IdempotencyStore(cfg, sandbox.IdempotencyConfig(dialect.Contract)))
	if err != nil {
		return nil, err
	}
	authn, err := sandbox.NewAuthenticator(cfg)
	if err != nil {
		return nil, err
	}
	a := &api{
		svc:         sandbox.NewService(cfg.QuoteTTL),
		keys:        cfg.Keys,
		maintenance: sw,
		validate:    validation.New(),
		maxBody:     cfg.MaxBody,
	}

	doc, err := dialect.DocumentHandler(cfg.Auth)
	if err != nil {
		return nil, err
	}

	mux := http.NewServeMux()
	// A "GET" pattern answers HEAD too.
	mux.Handle("GET /health", middleware.HandlerFunc(a.health))
	mux.Handle("GET /openapi.json", doc)
	mux.Handle("GET /openapi.yaml", doc)
	mux.Handle("POST /v2/payees", idem.Handler(middleware.HandlerFunc(a.createPayee)))
	mux.Handle("GET /v2/payees/{id}", middleware.HandlerFunc(a.getPayee))
	mux.Handle("POST /v2/quotes", idem.Handler(middleware.HandlerFunc(a.createQuote)))
	mux.Handle("POST /v2/payments", idem.Handler(middleware.HandlerFunc(a.createPayment)))
	mux.Handle("GET /v2/payments/{id}", middleware.HandlerFunc(a.getPayment))
	mux.Handle("POST /v2/payments/{id}/cancel", middleware.HandlerFunc(a.cancelPayment))
	mux.Handle("POST /v2/documents", middleware.HandlerFunc(a.uploadDocument))
	mux.Handle("GET /v2/documents/{id}", middleware.HandlerFunc(a.getDocument))
	mux.Handle("POST /v2/webhooks", idem.Handler(middleware.HandlerFunc(a.subscribe)))
	mux.Handle("POST /v2/gateway/callback", middleware.HandlerFunc(a.gatewayCallback))
	mux.Handle("GET /v2/debug/panic", middleware.HandlerFunc(a.panic))
	mux.Handle("PUT /admin/maintenance", a.adminOnly(a.maintenanceOn))
	mux.Handle("DELETE /admin/maintenance", a.adminOnly(a.maintenanceOff))

	// One call: request IDs, recovery, maintenance, rate limiting and the
	// mux's 404 and 405 in the contract, around the credentials check.
	return kit.Wrap(auth.Middleware(authn)(mux)), nil
}

// adminOnly lets through requests with the admin token.
func (a *api) adminOnly(next middleware.HandlerFunc) middleware.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := a.keys.CheckAdmin(r); err != nil {
			return err
		}
		return next(w, r)
	}
}

func (a *api) maintenanceOn(w http.ResponseWriter, r *http.Request) error {
	var req sandbox.MaintenanceRequest
	if err := a.decode(r, &req); err != nil {
		return err
	}
	if err := a.maintenance.OnFor(r.Context(), time.Duration(req.RetryAfter)*time.Second); err != nil {
		return err
	}
	return sandbox.WriteJSON(w, http.StatusOK, sandbox.MaintenanceState{Maintenance: true, RetryAfter: req.RetryAfter})
}

func (a *api) maintenanceOff(w http.ResponseWriter, r *http.Request) error {
	if err := a.maintenance.Off(r.Context()); err != nil {
		return err
	}
	return sandbox.WriteJSON(w, http.StatusOK, sandbox.MaintenanceState{})
}
