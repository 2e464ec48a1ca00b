package telemetry_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/errkit/errkit/middleware"
)

// TestFloodAllDoors floods every door with client errors, on a route with
// a path parameter and on unknown paths, and with server errors: the log
// keeps the sampling's bound of each 4xx code and every 5xx record (the
// committed ones too), while the counter counts every failure, under the
// route template or none, one series per code, status and route.
func TestFloodAllDoors(t *testing.T) {
	const first, n404, n500, nLate = 10, 200, 30, 20
	for _, d := range doors {
		t.Run(d.name, func(t *testing.T) {
			// A period longer than the test: the bound is exact.
			g := newRig(t, d, middleware.WithLogSampling(first, time.Hour))
			for i := range n404 {
				if st, _, _ := g.get(t, fmt.Sprintf("/v2/payments/%d", i)); st != 404 {
					t.Fatalf("status %d, want 404", st)
				}
				if st, _, _ := g.get(t, fmt.Sprintf("/scan/%d/wp-login.php", i)); st != 404 {
					t.Fatalf("status %d, want 404", st)
				}
			}
			for range n500 {
				if st, _, _ := g.get(t, "/v2/broken"); st != 500 {
					t.Fatalf("status %d, want 500", st)
				}
			}
			for range nLate {
				if st, _, _ := g.get(t, "/v2/late"); st != 202 {
					t.Fatalf("status %d, want 202", st)
				}
			}

			recs, size, err := g.log.Records()
			if err != nil {
				t.Fatal(err)
			}
			perCode := map[string]int{}
			for _, r := range recs {
				perCode[fmt.Sprint(r["code"])]++
			}
			wantLog := map[string]int{"PAY0001": first, "GEN9404": first, "GEN9001": n500 + nLate}
			if len(perCode) != len(wantLog) {
				t.Errorf("records per code %v, want %v", perCode, wantLog)
			}
			for code, w := range wantLog {
				if perCode[code] != w {
					t.Errorf("%s: %d records, want %d (all: %v)", code, perCode[code], w, perCode)
				}
			}
			t.Logf("%d requests, %d records, %d bytes of log", 2*n404+n500+nLate, len(recs), size)

			got := g.counts(t)
			want := map[string]int64{
				"PAY0001 404 " + d.route: n404,
				"GEN9404 404 ":           n404,
				"GEN9001 500 /v2/broken": n500,
				"GEN9001 202 /v2/late":   nLate,
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
