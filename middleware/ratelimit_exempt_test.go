package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/middleware"
	"golang.org/x/time/rate"
)

// Paths exempt from maintenance (health checks, webhooks, gateway
// callbacks) are exempt from per-IP limits by default, configurably; a
// request that names an API key is still counted against it.
func TestRateLimitExempt(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	tests := []struct {
		name    string
		opts    []middleware.Option
		path    string
		apiKey  string
		limited bool
	}{
		{"health by IP", nil, "/health", "", false},
		{"callback by IP", nil, "/v2/gateway/callback", "", false},
		{"API by IP", nil, "/v2/payments", "", true},
		{"health by API key", nil, "/health", "pk_1", true},
		{"exemption off", []middleware.Option{middleware.WithRateLimitExempt(nil)}, "/health", "", true},
		{"own exemption", []middleware.Option{middleware.WithRateLimitExempt(middleware.ExemptPaths("/status"))}, "/status", "", false},
		{"own exemption only", []middleware.Option{middleware.WithRateLimitExempt(middleware.ExemptPaths("/status"))}, "/health", "", true},
		{"follows the maintenance exemption", []middleware.Option{middleware.WithMaintenanceExemptPaths("/ping")}, "/ping", "", false},
		{"IP limiter", []middleware.Option{middleware.WithIPRateLimit(middleware.NewTokenBucket(rate.Every(1e9), 1, 0))}, "/health", "", false},
		{"custom key by IP", []middleware.Option{middleware.WithRateKey(func(r *http.Request) string { return "203.0.113.9" })}, "/health", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := append([]middleware.Option{middleware.WithRateLimit(middleware.NewTokenBucket(rate.Every(1e9*3600), 1, 0))}, tc.opts...)
			srv := middleware.Wrap(ok, opts...)
			limited := false
			for range 3 {
				r := httptest.NewRequest(http.MethodGet, tc.path, nil)
				r.RemoteAddr = "203.0.113.9:4711"
				if tc.apiKey != "" {
					r.Header.Set("Authorization", "ApiKey "+tc.apiKey)
				}
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, r)
				limited = limited || w.Code == http.StatusTooManyRequests
			}
			if limited != tc.limited {
				t.Errorf("limited %v, want %v", limited, tc.limited)
			}
		})
	}
}
