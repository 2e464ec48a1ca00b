package telemetry_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/cputime"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/telemetry"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// discard is a ResponseWriter that keeps nothing but its header map.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkTelemetry measures what the recorder adds, on a server already
// traced by otelhttp with the SDK (every span sampled and recorded): "off"
// is the set without the recorder, "on" with it, counting into the SDK's
// meter provider. A success never reaches the recorder; the ratio of the
// error cases' on to off is the recorder's cost. The log is off in both,
// so that only the telemetry is measured. Beside ns/op it reports the
// process's CPU time per op (cpu-ns/op), which a busy machine disturbs
// less. Requests send no X-Request-Id:
// "on" takes the span's trace ID as the request ID, "off" makes one.
func BenchmarkTelemetry(b *testing.B) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.AlwaysSample()))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	b.Cleanup(func() {
		_ = tp.Shutdown(context.Background())
		_ = mp.Shutdown(context.Background())
	})
	rec, err := telemetry.New(telemetry.WithMeterProvider(mp))
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /health", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		_, err := io.WriteString(w, `{"status":"ok"}`)
		return err
	}))
	mux.Handle("GET /v2/payments/{id}", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apierr.New(apierr.PAY0001)
	}))
	mux.Handle("GET /v2/ledger", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return errors.New("ledger unreachable")
	}))
	quiet := middleware.WithLogger(slog.New(slog.DiscardHandler))
	modes := []struct {
		name string
		h    http.Handler
	}{
		{"off", middleware.New(quiet).Wrap(mux)},
		{"on", middleware.New(quiet, rec.Option()).Wrap(mux)},
	}
	cases := []struct{ name, path string }{
		{"200", "/health"},
		{"404", "/v2/payments/42"},
		{"500", "/v2/ledger"},
	}
	for _, c := range cases {
		for _, m := range modes {
			h := otelhttp.NewHandler(m.h, "api", otelhttp.WithTracerProvider(tp))
			b.Run(c.name+"/"+m.name, func(b *testing.B) {
				r := httptest.NewRequest("GET", c.path, nil)
				w := &discard{h: make(http.Header)}
				b.ReportAllocs()
				start, cpu := cputime.Now()
				for b.Loop() {
					clear(w.h)
					delete(r.Header, "X-Request-Id") // the set gave it one
					h.ServeHTTP(w, r)
				}
				if end, ok := cputime.Now(); cpu && ok && b.N > 0 {
					b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
				}
			})
		}
	}
}
