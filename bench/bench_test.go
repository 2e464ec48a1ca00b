package bench

import (
	"net/http/httptest"
	"runtime"
	"testing"
)

// BenchmarkErrkit runs every registered implementation of every case, in
// the same run, so that their ratios can be read with
//
//	benchstat -col /impl results.txt
//
// Besides ns/op (wall time) each reports cpu-ns/op, the process's CPU time
// per request: on a machine busy with other work it stays near what the
// request costs, where wall time takes in the time others held the CPU.
func BenchmarkErrkit(b *testing.B) {
	for _, r := range sortedRuns() {
		b.Run(r.name(), func(b *testing.B) {
			w, req := newSink(), httptest.NewRequest(r.method, r.target, nil)
			loop(b, func() { serve(r.h, w, req) })
			if w.status != r.status {
				b.Fatalf("status %d, want %d", w.status, r.status)
			}
		})
	}
}

// loop runs op b.N times. Beside ns/op and allocs/op it reports the
// process's CPU time per op (cpu-ns/op) and its allocations per op
// unrounded (mallocs/op): allocs/op is rounded down, so that an
// allocation made once every 64 requests, or a server's that comes and
// goes, would not show or would show as a whole one.
func loop(b *testing.B, op func()) {
	b.ReportAllocs()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	mallocs := ms.Mallocs
	start, cpu := cpuTime()
	for b.Loop() {
		op()
	}
	end, ok := cpuTime()
	runtime.ReadMemStats(&ms)
	if b.N > 0 {
		if cpu && ok {
			b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
		}
		b.ReportMetric(float64(ms.Mallocs-mallocs)/float64(b.N), "mallocs/op")
	}
}
