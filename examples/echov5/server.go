package main

import (
	"log/slog"

	"github.com/errkit/errkit/auth/echov5auth"
	"github.com/errkit/errkit/examples/internal/sandbox"
	"github.com/errkit/errkit/middleware/echov5mw"
	"github.com/errkit/errkit/middleware/idempotency/echov5idempotency"
	"github.com/errkit/errkit/validation"
	"github.com/errkit/errkit/validation/echov5validation"
	"github.com/labstack/echo/v5"
)

// newServer builds the sandbox on echo v5, with errkit's error handler,
// middleware, binder, validator and idempotency.
func newServer(cfg sandbox.Config, log *slog.Logger) (*echo.Echo, error) {
	dialect, err := sandbox.DialectNamed(cfg.Contract)
	if err != nil {
		return nil, err
	}
	// One call: the error handler, request IDs, recovery, maintenance and
	// rate limiting, all answering in the contract, and HEAD served by the
	// GET routes.
	kit := echov5mw.New(sandbox.MiddlewareOptions(cfg, dialect, echov5mw.Classify, log)...)
	e := kit.NewEcho(echo.Config{
		Logger:    log,
		Binder:    echov5validation.NewBinder(validation.MaxBytes(cfg.MaxBody)),
		Validator: validation.New(),
	})
	sw := sandbox.Switch(cfg, kit.Switch())
	if err := sandbox.StartMaintenance(cfg, sw); err != nil {
		return nil, err
	}
	idem, err := echov5idempotency.New(sandbox.IdempotencyStore(cfg, sandbox.IdempotencyConfig(dialect.Contract)))
	if err != nil {
		return nil, err
	}
	authn, err := sandbox.NewAuthenticator(cfg)
	if err != nil {
		return nil, err
	}
	a := &api{svc: sandbox.NewService(cfg.QuoteTTL), keys: cfg.Keys, maintenance: sw}

	e.Use(echov5auth.Middleware(authn))
	// JSON bodies are limited to -max-body; documents have their own limit.
	limit := echov5mw.BodyLimit(cfg.MaxBody)
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		limited := limit(next)
		return func(c *echo.Context) error {
			if c.Path() == "/v2/documents" {
				return next(c)
			}
			return limited(c)
		}
	})

	doc, err := dialect.DocumentHandler(cfg.Auth)
	if err != nil {
		return nil, err
	}
	e.GET("/health", a.health)
	e.GET("/openapi.json", echo.WrapHandler(doc))
	e.GET("/openapi.yaml", echo.WrapHandler(doc))
	e.POST("/v2/payees", a.createPayee, idem)
	e.GET("/v2/payees/:id", a.getPayee)
	e.POST("/v2/quotes", a.createQuote, idem)
	e.POST("/v2/payments", a.createPayment, idem)
	e.GET("/v2/payments/:id", a.getPayment)
	e.POST("/v2/payments/:id/cancel", a.cancelPayment)
	e.POST("/v2/documents", a.uploadDocument)
	e.GET("/v2/documents/:id", a.getDocument)
	e.POST("/v2/webhooks", a.subscribe, idem)
	e.POST("/v2/gateway/callback", a.gatewayCallback)
	e.GET("/v2/debug/panic", a.panic)

	admin := e.Group("/admin", a.adminOnly)
	admin.PUT("/maintenance", a.maintenanceOn)
	admin.DELETE("/maintenance", a.maintenanceOff)
	return e, nil
}

// adminOnly lets through requests with the admin token.
func (a *api) adminOnly(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		if err := a.keys.CheckAdmin(c.Request()); err != nil {
			return err
		}
		return next(c)
	}
}
