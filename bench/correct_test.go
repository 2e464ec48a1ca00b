package bench

import (
	"net/http"
	"testing"
)

// TestRuns checks that every benchmarked handler answers what its case
// says, so that the benchmarks measure the failure they are named for.
func TestRuns(t *testing.T) {
	for _, r := range sortedRuns() {
		t.Run(r.name(), func(t *testing.T) {
			w := record(r.h, r.method, r.target)
			if w.Code != r.status {
				t.Fatalf("status %d, want %d; body %s", w.Code, r.status, w.Body)
			}
			if r.body != "" && w.Body.String() != r.body {
				t.Errorf("body\n%s\nwant\n%s", w.Body, r.body)
			}
			for k, v := range r.header {
				got, ok := w.Header()[http.CanonicalHeaderKey(k)]
				if !ok || v != "" && got[0] != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

// TestFloorHeaders checks that the floor sends the headers errkit sends.
func TestFloorHeaders(t *testing.T) {
	for _, r := range sortedRuns() {
		if r.impl != "floor" || r.status < 400 {
			continue
		}
		w := record(r.h, r.method, r.target)
		for _, k := range []string{"Content-Type", "X-Content-Type-Options", "Cache-Control"} {
			if w.Header().Get(k) == "" {
				t.Errorf("%s: no %s", r.name(), k)
			}
		}
	}
}
