package telemetry

import (
	"strings"

	"github.com/errkit/errkit/middleware"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"
)

// ScopeName is the instrumentation scope of the recorder's meter.
const ScopeName = "github.com/errkit/errkit/telemetry"

// MetricName is the name of the failure counter.
const MetricName = "errkit.failures"

// The attribute keys the recorder sets, besides OpenTelemetry's semantic
// conventions (http.route, http.response.status_code, error.type).
const (
	CodeKey      = attribute.Key("errkit.code")
	ContractKey  = attribute.Key("errkit.contract")
	RequestIDKey = attribute.Key("errkit.request_id")
	CommittedKey = attribute.Key("errkit.committed")
)

// EventName is the name of the span event added for each failure.
const EventName = "errkit.failure"

// A Recorder reports failures to the request's active span and to the
// failure counter. Its [Recorder.Record] is the hook of
// [middleware.WithMetrics]. A Recorder is safe for concurrent use.
type Recorder struct {
	failures metric.Int64Counter
}

// An Option configures a [Recorder].
type Option func(*config)

type config struct {
	meters metric.MeterProvider
}

// WithMeterProvider sets the provider of the failure counter's meter; the
// default is the global one, otel.GetMeterProvider().
func WithMeterProvider(mp metric.MeterProvider) Option {
	return func(c *config) {
		if mp != nil {
			c.meters = mp
		}
	}
}

// New returns a Recorder configured by opts. It fails only when the meter
// provider refuses the counter.
func New(opts ...Option) (*Recorder, error) {
	c := config{meters: otel.GetMeterProvider()}
	for _, o := range opts {
		o(&c)
	}
	failures, err := c.meters.Meter(ScopeName).Int64Counter(MetricName,
		metric.WithUnit("{failure}"),
		metric.WithDescription("Requests answered with an error of the contract, by code, status and route template."))
	if err != nil {
		return nil, err
	}
	return &Recorder{failures: failures}, nil
}

// Option returns the middleware option that installs the recorder: its
// Record as the metrics hook ([middleware.WithMetrics]) and [TraceID] as
// the trace source ([middleware.WithTraceSource]), so that a request
// without an X-Request-Id of its own takes its span's trace ID as its
// request ID.
func (rec *Recorder) Option() middleware.Option {
	metrics, trace := middleware.WithMetrics(rec.Record), middleware.WithTraceSource(TraceID)
	return func(s *middleware.Set) {
		metrics(s)
		trace(s)
	}
}

// Record reports f to the active span of its request and to the failure
// counter; see the package documentation for what each gets. A failure
// with nothing answered (the client went away) is left out.
func (rec *Recorder) Record(f middleware.Failure) {
	if f.Status == 0 || f.Request == nil {
		return
	}
	ctx := f.Request.Context()
	route := Route(f.Route)
	status := semconv.HTTPResponseStatusCode(f.Status)
	code := CodeKey.String(f.Code)

	if span := trace.SpanFromContext(ctx); span.IsRecording() {
		attrs := make([]attribute.KeyValue, 0, 5)
		attrs = append(attrs, code, ContractKey.String(f.Contract))
		if f.RequestID != "" {
			attrs = append(attrs, RequestIDKey.String(f.RequestID))
		}
		if route != "" {
			attrs = append(attrs, semconv.HTTPRoute(route))
		}
		if f.Status >= 500 {
			attrs = append(attrs, semconv.ErrorTypeKey.String(f.Code))
		}
		span.SetAttributes(attrs...)
		ev := []attribute.KeyValue{code, status}
		if f.Committed {
			ev = append(ev, CommittedKey.Bool(true))
		}
		span.AddEvent(EventName, trace.WithAttributes(ev...))
		if f.Status >= 500 {
			span.SetStatus(codes.Error, f.Code)
		}
	}

	attrs := [3]attribute.KeyValue{code, status}
	n := 2
	if route != "" {
		attrs[2] = semconv.HTTPRoute(route)
		n = 3
	}
	rec.failures.Add(ctx, 1, metric.WithAttributes(attrs[:n]...))
}

// Route returns the route template of a route pattern: the pattern
// without the method and host of a net/http pattern ("GET
// example.com/v2/payments/{id}" is "/v2/payments/{id}"); an echo route
// ("/v2/payments/:id") is returned as it is.
func Route(pattern string) string {
	if i := strings.IndexByte(pattern, '/'); i >= 0 {
		return pattern[i:]
	}
	return ""
}
