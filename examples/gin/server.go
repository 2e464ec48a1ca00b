package main

import (
	"log/slog"
	"time"

	"github.com/errkit/errkit/auth/ginauth"
	"github.com/errkit/errkit/examples/internal/sandbox"
	"github.com/errkit/errkit/middleware/ginmw"
	"github.com/errkit/errkit/middleware/idempotency/ginidempotency"
	"github.com/errkit/errkit/validation"
	"github.com/errkit/errkit/validation/ginvalidation"
	"github.com/gin-gonic/gin"
)

// newServer builds the sandbox on gin, with errkit's gin middleware,
// binding, validator and idempotency.
func newServer(cfg sandbox.Config, log *slog.Logger) (*gin.Engine, error) {
	dialect, err := sandbox.DialectNamed(cfg.Contract)
	if err != nil {
		return nil, err
	}
	gin.SetMode(gin.ReleaseMode)
	// c.ShouldBindJSON decodes with the validation package, its limits and
	// its field errors. The request structs are shared with the other
	// doors, so their rules are in `validate` tags rather than gin's
	// `binding`.
	ginvalidation.Install(&ginvalidation.Validator{V: validation.New()}, validation.MaxBytes(cfg.MaxBody))

	e := gin.New()
	// One call: request IDs, recovery, maintenance, rate limiting and gin's
	// own 404 and 405 answers, all in the contract, and HEAD served by the
	// GET routes.
	kit := ginmw.Install(e, sandbox.MiddlewareOptions(cfg, dialect, ginmw.Classify, log)...)
	sw := sandbox.Switch(cfg, kit.Switch())
	if err := sandbox.StartMaintenance(cfg, sw); err != nil {
		return nil, err
	}
	idem, err := ginidempotency.New(kit, sandbox.IdempotencyStore(cfg, sandbox.IdempotencyConfig(dialect.Contract)))
	if err != nil {
		return nil, err
	}
	authn, err := sandbox.NewAuthenticator(cfg)
	if err != nil {
		return nil, err
	}
	a := &api{svc: sandbox.NewService(cfg.QuoteTTL), keys: cfg.Keys, maintenance: sw}

	e.Use(ginauth.Middleware(authn))
	// JSON bodies are limited to -max-body; documents have their own limit.
	limit := ginmw.BodyLimit(cfg.MaxBody)
	e.Use(func(c *gin.Context) {
		if c.FullPath() != "/v2/documents" {
			limit(c)
		}
	})

	doc, err := dialect.DocumentHandler(cfg.Auth)
	if err != nil {
		return nil, err
	}
	h := ginmw.Handler
	e.GET("/health", h(a.health))
	e.GET("/openapi.json", gin.WrapH(doc))
	e.GET("/openapi.yaml", gin.WrapH(doc))
	e.POST("/v2/payees", idem, h(a.createPayee))
	e.GET("/v2/payees/:id", h(a.getPayee))
	e.POST("/v2/quotes", idem, h(a.createQuote))
	e.POST("/v2/payments", idem, h(a.createPayment))
	e.GET("/v2/payments/:id", h(a.getPayment))
	e.POST("/v2/payments/:id/cancel", h(a.cancelPayment))
	e.POST("/v2/documents", h(a.uploadDocument))
	e.GET("/v2/documents/:id", h(a.getDocument))
	e.POST("/v2/webhooks", idem, h(a.subscribe))
	e.POST("/v2/gateway/callback", h(a.gatewayCallback))
	e.GET("/v2/debug/panic", h(a.panic))

	admin := e.Group("/admin", h(a.adminOnly))
	admin.PUT("/maintenance", h(a.maintenanceOn))
	admin.DELETE("/maintenance", h(a.maintenanceOff))
	return e, nil
}

// adminOnly lets through requests with the admin token.
func (a *api) adminOnly(c *gin.Context) error {
	return a.keys.CheckAdmin(c.Request)
}

func (a *api) maintenanceOn(c *gin.Context) error {
	var req sandbox.MaintenanceRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return err
	}
	if err := a.maintenance.OnFor(c.Request.Context(), time.Duration(req.RetryAfter)*time.Second); err != nil {
		return err
	}
	return sandbox.WriteJSON(c.Writer, 200, sandbox.MaintenanceState{Maintenance: true, RetryAfter: req.RetryAfter})
}

func (a *api) maintenanceOff(c *gin.Context) error {
	if err := a.maintenance.Off(c.Request.Context()); err != nil {
		return err
	}
	return sandbox.WriteJSON(c.Writer, 200, sandbox.MaintenanceState{})
}
