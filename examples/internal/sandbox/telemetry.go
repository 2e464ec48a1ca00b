package sandbox

import (
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/telemetry"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	otelprom "go.opentelemetry.io/otel/exporters/prometheus"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	"go.opentelemetry.io/otel/propagation"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// MetricsPath is where -metrics serves the Prometheus text format.
const MetricsPath = "/metrics"

// Telemetry is the sandbox's OpenTelemetry, as -metrics and -trace ask
// for it: a meter provider read by the Prometheus exporter, a tracer
// provider writing spans to stdout, and errkit's recorder of failures.
// The zero of each part is off; a nil *Telemetry is all off.
type Telemetry struct {
	rec     *telemetry.Recorder
	tracing *sdktrace.TracerProvider
	meters  *sdkmetric.MeterProvider
	metrics http.Handler // serves MetricsPath
}

// NewTelemetry builds what cfg asks for, writing spans to stdout; it
// returns nil when cfg asks for nothing.
func NewTelemetry(cfg Config, stdout io.Writer) (*Telemetry, error) {
	if !cfg.Metrics && cfg.Trace == "" {
		return nil, nil
	}
	t := new(Telemetry)
	var recOpts []telemetry.Option
	if cfg.Metrics {
		reg := prometheus.NewRegistry()
		exp, err := otelprom.New(otelprom.WithRegisterer(reg))
		if err != nil {
			return nil, err
		}
		t.meters = sdkmetric.NewMeterProvider(sdkmetric.WithReader(exp))
		t.metrics = promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
		recOpts = append(recOpts, telemetry.WithMeterProvider(t.meters))
	}
	if cfg.Trace == "stdout" {
		exp, err := stdouttrace.New(stdouttrace.WithWriter(stdout))
		if err != nil {
			return nil, err
		}
		// Each span is written when it ends: a sandbox, not a hot path.
		t.tracing = sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	}
	rec, err := telemetry.New(recOpts...)
	if err != nil {
		return nil, err
	}
	t.rec = rec
	return t, nil
}

// Options returns the middleware options that report failures to t: its
// recorder as the metrics hook, or none when t is nil.
func (t *Telemetry) Options() []middleware.Option {
	if t == nil {
		return nil
	}
	return []middleware.Option{t.rec.Option()}
}

// Handler returns h traced by otelhttp (a span per request, W3C trace
// context read from the request, HTTP metrics), with [MetricsPath]
// answered by the Prometheus exporter when metrics are on. A nil t
// returns h.
func (t *Telemetry) Handler(h http.Handler) http.Handler {
	if t == nil {
		return h
	}
	opts := []otelhttp.Option{otelhttp.WithPropagators(propagation.TraceContext{})}
	if t.tracing != nil {
		opts = append(opts, otelhttp.WithTracerProvider(t.tracing))
	}
	if t.meters != nil {
		opts = append(opts, otelhttp.WithMeterProvider(t.meters))
	}
	traced := otelhttp.NewHandler(h, "sandbox", opts...)
	if t.metrics == nil {
		return traced
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == MetricsPath && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			t.metrics.ServeHTTP(w, r)
			return
		}
		traced.ServeHTTP(w, r)
	})
}

// Shutdown flushes and stops t's providers.
func (t *Telemetry) Shutdown(ctx context.Context) error {
	if t == nil {
		return nil
	}
	var errs []error
	if t.tracing != nil {
		errs = append(errs, t.tracing.Shutdown(ctx))
	}
	if t.meters != nil {
		errs = append(errs, t.meters.Shutdown(ctx))
	}
	return errors.Join(errs...)
}
