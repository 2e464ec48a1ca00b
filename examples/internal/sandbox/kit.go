package sandbox

import (
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/idempotency"
	"golang.org/x/time/rate"
)

// MiddlewareOptions configures errkit's middleware for the sandbox, the
// same for every door: the contract and the classifier of its dialect
// (classify is the door's: middleware.Classify, echomw.Classify,
// echov5mw.Classify, ginmw.Classify), the logger, a limit of cfg.Rate
// requests per second per API key (or, without -rate, the contract's
// documented limit where it states one: Cryptopay's 200 a minute),
// maintenance exemptions, and cfg.Telemetry's recorder of failures when it
// is on. With cfg.Shared, the limit and the maintenance switch are the
// fleet's; else a token bucket and a switch of the process.
func MiddlewareOptions(cfg Config, d Dialect, classify func(error, apierr.Contract) (*apierr.Error, bool), log *slog.Logger) []middleware.Option {
	limit := middleware.WithRateLimit(middleware.NewTokenBucket(rate.Limit(cfg.Rate), max(1, int(cfg.Rate)), 0))
	var maintenance middleware.MaintenanceState
	switch {
	case cfg.Shared != nil:
		limit, maintenance = middleware.WithRateLimit(cfg.Shared.Limiter), cfg.Shared.Maintenance
	case d.Contract.Name() == cryptopay.Name && !cfg.RateSet:
		limit = middleware.CryptopayRateLimit() // 200 a minute per API key
	}
	return append([]middleware.Option{
		middleware.WithContract(d.Contract),
		middleware.WithClassifier(d.Classifier(classify)),
		middleware.WithLogger(log),
		limit,
		// After the limit: the sandbox's own key, which it vouches for.
		middleware.WithRateKey(RateKey(cfg.Keys)),
		middleware.WithMaintenance(maintenance),
		middleware.WithMaintenanceExempt(MaintenanceExempt),
		// The admin routes are served during maintenance, but their
		// token guesses are counted against the IP.
		middleware.WithRateLimitExempt(middleware.DefaultExempt),
	}, cfg.Telemetry.Options()...)
}

// RateKey returns the rate-limit key function: the API key when it is the
// sandbox's, else the client's IP address as it is, so that made-up keys
// are not each given a budget of their own and the middleware knows the
// request is counted against its IP (health checks, webhooks and gateway
// callbacks are not).
func RateKey(keys Keys) func(*http.Request) string {
	return func(r *http.Request) string {
		if key := clientKey(r); key != "" && equal(key, keys.APIKey) {
			return "key:" + key
		}
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		return host
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
// routes: the contract's preset (where the key is, how a repeat is
// answered), keys scoped by API key.
func IdempotencyConfig(contract apierr.Contract) idempotency.Config {
	cfg := idempotency.Preset(contract)
	cfg.Scope = clientKey
	return cfg
}
