package telemetry_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echomw"
	"github.com/errkit/errkit/telemetry"
	"github.com/labstack/echo/v4"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

// payments is an API whose one route fails.
func payments() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET /v2/payments/{id}", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apierr.New(apierr.PAY0001).With("id", r.PathValue("id"))
	}))
	return mux
}

// A server behind otelhttp and errkit: the failure marks otelhttp's span.
func ExampleNew() {
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	rec, err := telemetry.New() // the counter goes to the global meter provider
	if err != nil {
		panic(err)
	}
	kit := middleware.New(rec.Option(), middleware.WithLogger(slog.New(slog.DiscardHandler)))
	h := otelhttp.NewHandler(kit.Wrap(payments()), "api", otelhttp.WithTracerProvider(tp))

	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/v2/payments/42", nil))
	s := spans.Ended()[0]
	for _, kv := range s.Attributes() {
		switch kv.Key {
		case telemetry.CodeKey, telemetry.ContractKey, "http.route":
			fmt.Println(kv.Key, kv.Value.Emit())
		}
	}
	fmt.Println(s.Events()[0].Name, s.Status().Code)
	// Output:
	// errkit.code PAY0001
	// errkit.contract nexpay
	// http.route /v2/payments/{id}
	// errkit.failure Unset
}

// The failure counter, read from a meter provider of one's own.
func ExampleWithMeterProvider() {
	reader := sdkmetric.NewManualReader()
	rec, err := telemetry.New(telemetry.WithMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))))
	if err != nil {
		panic(err)
	}
	h := middleware.Wrap(payments(), rec.Option(), middleware.WithLogger(slog.New(slog.DiscardHandler)))
	for _, path := range []string{"/v2/payments/1", "/v2/payments/2", "/v2/nothing/here"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
	}

	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		panic(err)
	}
	sum := rm.ScopeMetrics[0].Metrics[0].Data.(metricdata.Sum[int64])
	for _, p := range sum.DataPoints {
		code, _ := p.Attributes.Value(telemetry.CodeKey)
		route, _ := p.Attributes.Value("http.route")
		fmt.Printf("%s %q %d\n", code.AsString(), route.AsString(), p.Value)
	}
	// Unordered output:
	// PAY0001 "/v2/payments/{id}" 2
	// GEN9404 "" 1
}

// Record is the hook of middleware.WithMetrics; call it from a hook of
// one's own to add other metrics.
func ExampleRecorder_Record() {
	rec, err := telemetry.New()
	if err != nil {
		panic(err)
	}
	failures := 0
	kit := middleware.New(middleware.WithLogger(slog.New(slog.DiscardHandler)),
		middleware.WithMetrics(func(f middleware.Failure) {
			failures++ // one's own metric
			rec.Record(f)
		}))
	kit.Wrap(payments()).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/v2/payments/42", nil))
	fmt.Println(failures)
	// Output: 1
}

// Option installs the recorder in a middleware set, here on the echo
// door; middleware.New and middleware.Wrap take it the same way.
func ExampleRecorder_Option() {
	rec, err := telemetry.New()
	if err != nil {
		panic(err)
	}
	e := echo.New()
	echomw.Install(e, rec.Option(), middleware.WithLogger(slog.New(slog.DiscardHandler)))
	e.GET("/v2/payments/:id", func(c echo.Context) error { return apierr.New(apierr.PAY0001) })
	w := httptest.NewRecorder()
	e.ServeHTTP(w, httptest.NewRequest("GET", "/v2/payments/42", nil))
	fmt.Println(w.Code)
	// Output: 404
}

func ExampleRoute() {
	fmt.Println(telemetry.Route("GET /v2/payments/{id}"))
	fmt.Println(telemetry.Route("GET api.example.com/v2/payments/{id}"))
	fmt.Println(telemetry.Route("/v2/payments/:id"))
	fmt.Printf("%q\n", telemetry.Route(""))
	// Output:
	// /v2/payments/{id}
	// /v2/payments/{id}
	// /v2/payments/:id
	// ""
}

// TraceID reads the active span's trace, else the traceparent header.
func ExampleTraceID() {
	r := httptest.NewRequest("GET", "/v2/payments/42", nil)
	r.Header.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	fmt.Println(telemetry.TraceID(r))

	tp := sdktrace.NewTracerProvider()
	ctx, span := tp.Tracer("example").Start(context.Background(), "request")
	defer span.End()
	id, ok := telemetry.TraceID(r.WithContext(ctx))
	fmt.Println(id == span.SpanContext().TraceID().String(), ok)
	// Output:
	// 4bf92f3577b34da6a3ce929d0e0e4736 true
	// true true
}
