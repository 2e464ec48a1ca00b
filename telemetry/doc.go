// Package telemetry reports errkit's failures to OpenTelemetry: each one
// marks the request's active span and counts in a metric, so that any
// exporter (Prometheus, OTLP, stdout) shows them.
//
// A [Recorder] is the metrics hook of a middleware set:
//
//	rec, err := telemetry.New()
//	kit := middleware.New(middleware.WithMetrics(rec.Record))
//	http.ListenAndServe(addr, otelhttp.NewHandler(kit.Wrap(mux), "api"))
//
// The span the request runs in (started by otelhttp or any other
// instrumentation in front of the set) gets, for every failure answered:
//
//   - the attributes errkit.code, errkit.contract and errkit.request_id,
//     and http.route when the route matched;
//   - an event, errkit.failure, with the code, the status sent and
//     whether the response was already committed (a handler that failed
//     after sending its 200 reports the 200, the status the client
//     received, and leaves the span's status to it);
//   - for a 5xx only, error status (its description the code) and
//     error.type set to the code. A 4xx leaves the status unset: it is
//     the client's failure, not the server's (OpenTelemetry's HTTP
//     semantic conventions).
//
// The cause's text goes to the log, not to the span: the span says which
// failure, the log record says why, and both carry the same trace ID.
//
// The counter errkit.failures (errkit_failures_total in Prometheus) counts
// failures by errkit.code, http.response.status_code and http.route, the
// route template ("/v2/payments/{id}"), never the raw path, so that its
// series stay bounded whatever clients send. A request whose client went
// away before anything was answered is not counted.
//
// Importing package middleware never builds OpenTelemetry; only this
// package does.
package telemetry
