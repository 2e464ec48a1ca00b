package sandbox

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/logtest"
	"github.com/errkit/errkit/middleware"
)

// spanAttr returns the value of a span's attribute, as stdouttrace writes
// a span in JSON.
func spanAttr(span map[string]any, key string) any {
	attrs, _ := span["Attributes"].([]any)
	for _, a := range attrs {
		kv, _ := a.(map[string]any)
		if kv["Key"] == key {
			v, _ := kv["Value"].(map[string]any)
			return v["Value"]
		}
	}
	return nil
}

// TestTelemetryFlags serves a failing route with -metrics and -trace
// stdout: the failure is counted at /metrics in Prometheus text, and its
// span, with errkit's attributes, is written to stdout.
func TestTelemetryFlags(t *testing.T) {
	cfg, err := ParseFlags("x", []string{"-metrics", "-trace", "stdout"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var stdout logtest.Sink
	if cfg.Telemetry, err = NewTelemetry(cfg, &stdout); err != nil {
		t.Fatal(err)
	}
	d, _ := DialectNamed(cfg.Contract)
	kit := middleware.New(MiddlewareOptions(cfg, d, middleware.Classify, slog.New(slog.DiscardHandler))...)
	mux := http.NewServeMux()
	mux.Handle("GET /v2/payments/{id}", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apierr.New(apierr.PAY0001)
	}))
	srv := httptest.NewServer(cfg.Telemetry.Handler(kit.Wrap(mux)))
	defer srv.Close()

	get := func(path string) string {
		res, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	get("/v2/payments/42")
	get("/v2/payments/43")
	get("/v2/nothing/" + strings.Repeat("x", 20))
	metrics := get(MetricsPath)
	for _, want := range []string{
		`# TYPE errkit_failures_total counter`,
		`errkit_failures_total{errkit_code="PAY0001",http_response_status_code="404",http_route="/v2/payments/{id}",`,
		`errkit_failures_total{errkit_code="GEN9404",http_response_status_code="404",`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s:\n%s", want, metrics)
		}
	}
	if strings.Contains(metrics, "xxxxxxxx") {
		t.Error("a raw path reached the metrics")
	}
	if err := cfg.Telemetry.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	spans, _, err := stdout.Records()
	if err != nil {
		t.Fatal(err)
	}
	codes := map[any]int{}
	for _, span := range spans {
		codes[spanAttr(span, "errkit.code")]++
		// A request that sent no X-Request-Id has its trace's ID.
		sc, _ := span["SpanContext"].(map[string]any)
		if id := spanAttr(span, "errkit.request_id"); id != nil && id != sc["TraceID"] {
			t.Errorf("span of trace %v has request ID %v", sc["TraceID"], id)
		}
		if spanAttr(span, "url.path") == MetricsPath {
			t.Error("a scrape of /metrics was traced")
		}
	}
	if codes["PAY0001"] != 2 || codes["GEN9404"] != 1 || len(spans) != 3 {
		t.Errorf("spans on stdout by errkit.code: %v, want PAY0001 twice and GEN9404 once", codes)
	}
}

// TestTelemetryOff: without the flags nothing is built and the handler is
// left as it is.
func TestTelemetryOff(t *testing.T) {
	cfg, err := ParseFlags("x", nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	tel, err := NewTelemetry(cfg, io.Discard)
	if err != nil || tel != nil {
		t.Fatalf("NewTelemetry = %v, %v; want nil, nil", tel, err)
	}
	if len(tel.Options()) != 0 || tel.Shutdown(context.Background()) != nil {
		t.Error("a nil Telemetry is not off")
	}
	h := http.NotFoundHandler()
	if got := tel.Handler(h); got == nil {
		t.Error("a nil Telemetry lost the handler")
	}
	if _, err := ParseFlags("x", []string{"-trace", "jaeger"}, io.Discard); err == nil {
		t.Error("-trace jaeger accepted")
	}
}
