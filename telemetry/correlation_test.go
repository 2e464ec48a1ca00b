package telemetry_test

import (
	"encoding/json"
	"testing"

	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/middleware"
)

// TestCorrelation: the request ID and the W3C trace ID are the same in the
// response header, the body's trace field, the log record and the span,
// on both doors, whether the trace starts here or comes in a traceparent;
// a client's own X-Request-Id is kept and the trace ID logged beside it.
func TestCorrelation(t *testing.T) {
	const incoming = "4bf92f3577b34da6a3ce929d0e0e4736"
	traceparent := "00-" + incoming + "-00f067aa0ba902b7-01"
	cases := []struct {
		name      string
		hdr       []string
		ownID     string // the client's X-Request-Id, kept as it is
		wantTrace string // the trace ID the span must have; "" for a new one
	}{
		{"new trace", nil, "", ""},
		{"traceparent", []string{"Traceparent", traceparent}, "", incoming},
		{"own request ID", []string{"X-Request-Id", "req-7d3f1c2a", "Traceparent", traceparent}, "req-7d3f1c2a", incoming},
	}
	for _, d := range doors {
		t.Run(d.name, func(t *testing.T) {
			g := newRig(t, d, middleware.WithContract(nexpaylegacy.Contract))
			for _, c := range cases {
				st, id, body := g.get(t, "/v2/payments/42", c.hdr...)
				if st != 404 {
					t.Fatalf("%s: status %d, want 404", c.name, st)
				}
				span := g.span(t, id)
				tid := span.SpanContext().TraceID().String()
				if c.wantTrace != "" && tid != c.wantTrace {
					t.Errorf("%s: span trace %s, want %s", c.name, tid, c.wantTrace)
				}
				var b struct {
					TraceID string `json:"traceId"`
				}
				if err := json.Unmarshal(body, &b); err != nil {
					t.Fatalf("%s: body %s: %v", c.name, body, err)
				}
				rec := record(t, g.log, id)
				if c.ownID == "" {
					// One ID everywhere: the trace's.
					if id != tid || b.TraceID != tid || rec["request_id"] != tid {
						t.Errorf("%s: header %s, body %s, log %v, span %s: want one ID", c.name, id, b.TraceID, rec["request_id"], tid)
					}
					continue
				}
				// The client's ID is the request ID; the body shows the log's
				// trace_id for it; the span's trace is logged beside it.
				if id != c.ownID || rec["trace_id"] != b.TraceID || rec["w3c_trace_id"] != tid {
					t.Errorf("%s: header %s, body %s, log %v, span %s", c.name, id, b.TraceID, rec, tid)
				}
			}
		})
	}
}
