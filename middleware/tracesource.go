package middleware

import "net/http"

// WithTraceSource sets where the set reads a request's W3C trace ID; the
// default is [TraceID], the request's traceparent header. The trace ID
// becomes the request ID of a request that sends no valid X-Request-Id,
// and is logged as w3c_trace_id when it differs from the request ID.
// Package telemetry's TraceID reads the active OpenTelemetry span, so
// that a request that starts a trace gets the trace's ID as its request
// ID.
func WithTraceSource(f func(*http.Request) (string, bool)) Option {
	return func(s *Set) {
		if f != nil {
			s.traceID = f
		}
	}
}

// SetRequestID is the package's [SetRequestID] reading the trace ID from
// the set's trace source ([WithTraceSource]). Other doors (echo) call it.
func (s *Set) SetRequestID(h http.Header, r *http.Request) { setRequestID(h, r, s.traceID) }
