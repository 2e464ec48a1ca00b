package telemetry_test

import (
	"testing"

	"github.com/errkit/errkit/telemetry"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// TestCommittedFailure: a handler that fails after its response was
// committed (it sent its 202 or 200 and body, then returned an error or
// panicked) is reported on every door with the status the client
// received, not the 500 its error would have been answered with: in the
// log record, in the span's event and in the counter. Its code is the
// error's; nothing is written over the response; the span keeps the
// status of a success, and the record, a server error's, is logged at
// error level.
func TestCommittedFailure(t *testing.T) {
	cases := []struct {
		path   string
		status int
		body   string
	}{
		{"/v2/late", 202, `{"status":"accepted"}`},
		{"/v2/late-panic", 200, `{"status":"ok"}`},
	}
	for _, d := range doors {
		t.Run(d.name, func(t *testing.T) {
			g := newRig(t, d)
			for _, c := range cases {
				st, id, body := g.get(t, c.path)
				if st != c.status || trimNL(body) != c.body {
					t.Fatalf("%s: %d %s, want %d %s: nothing written over the response", c.path, st, body, c.status, c.body)
				}

				rec := record(t, g.log, id)
				if rec["status"] != float64(c.status) || rec["code"] != "GEN9001" || rec["level"] != "ERROR" ||
					rec["msg"] != "request failed after its response was committed" || rec["route"] == "" {
					t.Errorf("%s: log record %v, want status %d, code GEN9001 at ERROR", c.path, rec, c.status)
				}

				s := g.span(t, id)
				checkAttrs(t, s, map[attribute.Key]string{telemetry.CodeKey: "GEN9001"})
				ev := failureEvent(t, s)
				if st, _ := attr(ev.Attributes, "http.response.status_code"); st.AsInt64() != int64(c.status) {
					t.Errorf("%s: event status %v, want %d", c.path, st.Emit(), c.status)
				}
				if v, _ := attr(ev.Attributes, telemetry.CommittedKey); !v.AsBool() {
					t.Errorf("%s: event %v lacks %s=true", c.path, ev.Attributes, telemetry.CommittedKey)
				}
				if s.Status().Code == codes.Error {
					t.Errorf("%s: span status %v for a %d sent", c.path, s.Status(), c.status)
				}
				if _, ok := attr(s.Attributes(), "error.type"); ok {
					t.Errorf("%s: a span whose response was a %d has error.type", c.path, c.status)
				}
			}

			got := g.counts(t)
			want := map[string]int64{
				"GEN9001 202 /v2/late":       1,
				"GEN9001 200 /v2/late-panic": 1,
			}
			if len(got) != len(want) {
				t.Errorf("counts %v, want %v", got, want)
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("count of %q = %d, want %d (all: %v)", k, got[k], v, got)
				}
			}
		})
	}
}

// failureEvent returns the one failure event of s.
func failureEvent(t *testing.T, s sdktrace.ReadOnlySpan) sdktrace.Event {
	t.Helper()
	var evs []sdktrace.Event
	for _, ev := range s.Events() {
		if ev.Name == telemetry.EventName {
			evs = append(evs, ev)
		}
	}
	if len(evs) != 1 {
		t.Fatalf("span %s: %d %s events, want 1", s.Name(), len(evs), telemetry.EventName)
	}
	return evs[0]
}

// trimNL drops the newline encoding/json ends a body with.
func trimNL(b []byte) string {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	return string(b)
}
