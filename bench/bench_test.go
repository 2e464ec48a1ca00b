package bench

import (
	"net/http/httptest"
	"testing"
)

// BenchmarkErrkit runs every registered implementation of every case, in
// the same run, so that their ratios can be read with
//
//	benchstat -col /impl results.txt
func BenchmarkErrkit(b *testing.B) {
	for _, r := range sortedRuns() {
		b.Run(r.name(), func(b *testing.B) {
			w, req := newSink(), httptest.NewRequest(r.method, r.target, nil)
			b.ReportAllocs()
			for b.Loop() {
				serve(r.h, w, req)
			}
			if w.status != r.status {
				b.Fatalf("status %d, want %d", w.status, r.status)
			}
		})
	}
}
