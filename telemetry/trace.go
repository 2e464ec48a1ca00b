package telemetry

import (
	"net/http"

	"github.com/errkit/errkit/middleware"
	"go.opentelemetry.io/otel/trace"
)

// TraceID returns the W3C trace ID of r's active span when it has one,
// else that of r's traceparent header ([middleware.TraceID]). It is the
// trace source [Recorder.Option] installs, so that a request that sends
// no X-Request-Id gets its span's trace ID as its request ID, the same in
// the log record, the span and the body.
func TraceID(r *http.Request) (string, bool) {
	if sc := trace.SpanContextFromContext(r.Context()); sc.HasTraceID() {
		return sc.TraceID().String(), true
	}
	return middleware.TraceID(r)
}
