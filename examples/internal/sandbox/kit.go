package sandbox

import (
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/idempotency"
	"golang.org/x/time/rate"
)

// MiddlewareOptions configures errkit's middleware for the sandbox, the
// same for every door: the contract and the classifier of its dialect
// (classify is the door's: middleware.Classify, echomw.Classify,
// echov5mw.Classify, ginmw.Classify), the logger, a limit of cfg.Rate
// requests per second per API key, and maintenance exemptions. With
// cfg.Shared, the limit and the maintenance switch are the fleet's; else a
// token bucket and a switch of the process.
func MiddlewareOptions(cfg Config, d Dialect, classify func(error, apierr.Contract) (*apierr.Error, bool), log *slog.Logger) []middleware.Option {
	var limiter middleware.Limiter = middleware.NewTokenBucket(rate.Limit(cfg.Rate), max(1, int(cfg.Rate)), 0)
	var maintenance middleware.MaintenanceState
	if cfg.Shared != nil {
		limiter, maintenance = cfg.Shared.Limiter, cfg.Shared.Maintenance
	}
	return []middleware.Option{
		middleware.WithContract(d.Contract),
		middleware.WithClassifier(d.Classifier(classify)),
		middleware.WithLogger(log),
		middleware.WithRateLimit(limiter),
		middleware.WithRateKey(RateKey(cfg.Keys)),
		middleware.WithMaintenance(maintenance),
		middleware.WithMaintenanceExempt(MaintenanceExempt),
	}
}

// RateKey returns the rate-limit key function: the API key when it is the
// sandbox's, else the client's IP address, so that made-up keys are not
// each given a budget of their own.
func RateKey(keys Keys) func(*http.Request) string {
	return func(r *http.Request) string {
		if key := clientKey(r); key != "" && equal(key, keys.APIKey) {
			return "key:" + key
		}
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		return "ip:" + host
	}
}

// MaintenanceExempt reports whether r keeps being served during
// maintenance: what the contract exempts (health checks, webhook
// subscriptions, gateway callbacks), the API document and the admin routes
// that end it.
func MaintenanceExempt(r *http.Request) bool {
	return middleware.DefaultExempt(r) || strings.HasPrefix(r.URL.Path, "/admin/") ||
		r.URL.Path == "/openapi.json" || r.URL.Path == "/openapi.yaml"
}

// IdempotencyConfig configures the idempotency middleware of the create
// routes: keys scoped by API key, conflicts answered in the contract.
func IdempotencyConfig(contract apierr.Contract) idempotency.Config {
	return idempotency.Config{
		Contract: contract,
		Scope:    clientKey,
	}
}
