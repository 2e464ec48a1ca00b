package bench

import (
	"net/http/httptest"
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
			b.ReportAllocs()
			start, cpu := cpuTime()
			for b.Loop() {
				serve(r.h, w, req)
			}
			if end, ok := cpuTime(); cpu && ok && b.N > 0 {
				b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
			}
			if w.status != r.status {
				b.Fatalf("status %d, want %d", w.status, r.status)
			}
		})
	}
}
