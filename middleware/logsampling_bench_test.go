package middleware_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/middleware"
)

// BenchmarkFloodLog is a flood of one 4xx logged as JSON: "sampled" is
// the default (10 records per code per second, the rest counted),
// "every" logs each one.
func BenchmarkFloodLog(b *testing.B) {
	log := middleware.WithLogger(slog.New(slog.NewJSONHandler(io.Discard, nil)))
	modes := []struct {
		name string
		opts []middleware.Option
	}{
		{"sampled", []middleware.Option{log}},
		{"every", []middleware.Option{log, middleware.WithLogSampling(0, 0)}},
	}
	for _, m := range modes {
		h := middleware.Wrap(http.NewServeMux(), m.opts...)
		b.Run(m.name, func(b *testing.B) {
			r := httptest.NewRequest("GET", "/wp-admin/setup.php", nil)
			b.ReportAllocs()
			for b.Loop() {
				h.ServeHTTP(httptest.NewRecorder(), r)
			}
		})
	}
}
