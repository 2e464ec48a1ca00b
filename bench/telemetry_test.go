package bench

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/telemetry"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

// telemetryMux serves the three answers BenchmarkTelemetry measures: a
// 200 with a small JSON body, a 404 (PAY0001) and a 500 (a plain error).
func telemetryMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET /health", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "application/json")
		_, err := io.WriteString(w, `{"status":"ok"}`)
		return err
	}))
	mux.Handle("GET /payments/{id}", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apierr.New(apierr.PAY0001)
	}))
	mux.Handle("GET /ledger", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return errors.New("ledger unreachable")
	}))
	return mux
}

// telemetryModes returns the same server three ways: "off", errkit's set
// alone; "otel", behind otelhttp with the SDK (every span sampled,
// recorded and handed to a batching exporter that drops it) but without
// errkit's recorder; "on", the same with the recorder, counting into the
// SDK's meter provider, as docs/observability.md installs it. The log is
// a discarding handler in all three, so that only the telemetry differs.
func telemetryModes(tb testing.TB) []struct {
	name string
	h    http.Handler
} {
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.AlwaysSample()),
		sdktrace.WithBatcher(tracetest.NewNoopExporter()))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	tb.Cleanup(func() {
		_ = tp.Shutdown(context.Background())
		_ = mp.Shutdown(context.Background())
	})
	rec, err := telemetry.New(telemetry.WithMeterProvider(mp))
	if err != nil {
		tb.Fatal(err)
	}
	quiet := middleware.WithLogger(slog.New(slog.DiscardHandler))
	traced := func(h http.Handler) http.Handler {
		return otelhttp.NewHandler(h, "api", otelhttp.WithTracerProvider(tp), otelhttp.WithMeterProvider(mp))
	}
	return []struct {
		name string
		h    http.Handler
	}{
		{"off", middleware.New(quiet).Wrap(telemetryMux())},
		{"otel", traced(middleware.New(quiet).Wrap(telemetryMux()))},
		{"on", traced(middleware.New(quiet, rec.Option()).Wrap(telemetryMux()))},
	}
}

var telemetryCases = []struct {
	name, target string
	status       int
}{
	{"200", "/health", 200},
	{"404", "/payments/pay_123", 404},
	{"500", "/ledger", 500},
}

// BenchmarkTelemetry measures what turning OpenTelemetry on costs a
// request through a real server (see BenchmarkServed: one kept-alive
// connection, one request at a time, no X-Request-Id), for a success, a
// client error and a server error, in the three modes of telemetryModes.
// "on" over "off" is what an operator pays for traces and metrics; "on"
// over "otel" is errkit's recorder's share of it.
func BenchmarkTelemetry(b *testing.B) {
	modes := telemetryModes(b)
	for _, c := range telemetryCases {
		for _, m := range modes {
			b.Run("case="+c.name+"/telemetry="+m.name, func(b *testing.B) {
				cl := dial(b, run{h: m.h, method: http.MethodGet, target: c.target})
				loop(b, func() {
					status, _, err := cl.do(nil)
					if err != nil {
						b.Fatal(err)
					}
					if status != c.status {
						b.Fatalf("status %d, want %d", status, c.status)
					}
				})
			})
		}
	}
}

// TestTelemetryServed checks what BenchmarkTelemetry measures: each mode
// answers each case over a connection with its status, and the same body.
func TestTelemetryServed(t *testing.T) {
	modes := telemetryModes(t)
	for _, c := range telemetryCases {
		var first string
		for i, m := range modes {
			cl := dial(t, run{h: m.h, method: http.MethodGet, target: c.target})
			var body bytes.Buffer
			status, header, err := cl.do(&body)
			if err != nil {
				t.Fatal(err)
			}
			if status != c.status || header.Get("X-Request-Id") == "" {
				t.Errorf("%s %s: %d, X-Request-Id %q, want %d and an ID", c.name, m.name, status, header.Get("X-Request-Id"), c.status)
			}
			if i == 0 {
				first = body.String()
			} else if body.String() != first {
				t.Errorf("%s %s: body %s, want %s as without telemetry", c.name, m.name, &body, first)
			}
		}
	}
}
