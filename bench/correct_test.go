package bench

import (
	"encoding/json"
	"maps"
	"net/http"
	"reflect"
	"slices"
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

// TestSameAnswer checks that echo's default handler and huma answer every
// failure as errkit's set on echo does, and echo v5's default handler and
// gin's AbortWithStatusJSON as errkit's echo v5 and gin doors do, so that the benchmarks compare the same
// work: the same status, the same headers with the same values (the
// request ID aside, which each makes anew), and a body with the same
// fields and values, each a whole JSON document.
func TestSameAnswer(t *testing.T) {
	byName := map[string]run{}
	for _, r := range runs {
		byName[r.name()] = r
	}
	for _, kase := range caseOrder {
		if kase == "ok" {
			continue
		}
		for _, cmp := range []struct{ router, impl string }{
			{"echo", "echo"}, {"echo", "huma"}, {"echov5", "echo"}, {"gin", "gin"},
		} {
			errkit, ok := byName[run{kase: kase, router: cmp.router, impl: "errkit"}.name()]
			if !ok {
				t.Fatalf("case %s: no errkit run on %s", kase, cmp.router)
			}
			want := record(errkit.h, errkit.method, errkit.target)
			r, ok := byName[run{kase: kase, router: cmp.router, impl: cmp.impl}.name()]
			if !ok {
				t.Errorf("case %s: no %s run on %s", kase, cmp.impl, cmp.router)
				continue
			}
			t.Run(r.name(), func(t *testing.T) {
				got := record(r.h, r.method, r.target)
				if got.Code != want.Code {
					t.Errorf("status %d, errkit's %d", got.Code, want.Code)
				}
				if g, w := headerNames(got.Header()), headerNames(want.Header()); !slices.Equal(g, w) {
					t.Errorf("headers %q, errkit's %q", g, w)
				}
				for k, w := range want.Header() {
					g := got.Header()[k]
					if k == "X-Request-Id" {
						if len(g) != 1 || g[0] == "" {
							t.Errorf("X-Request-Id %q", g)
						}
						continue
					}
					if !slices.Equal(g, w) {
						t.Errorf("%s %q, errkit's %q", k, g, w)
					}
				}
				var g, w any
				if err := json.Unmarshal(got.Body.Bytes(), &g); err != nil {
					t.Fatalf("body %s: %v", got.Body, err)
				}
				if err := json.Unmarshal(want.Body.Bytes(), &w); err != nil {
					t.Fatalf("errkit's body %s: %v", want.Body, err)
				}
				if !reflect.DeepEqual(g, w) {
					t.Errorf("body\n%s\nerrkit's\n%s", got.Body, want.Body)
				}
			})
		}
	}
}

func headerNames(h http.Header) []string {
	return slices.Sorted(maps.Keys(h))
}
