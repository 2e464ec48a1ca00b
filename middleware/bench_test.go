package middleware_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/errkit/errkit/middleware"
	"golang.org/x/time/rate"
)

func BenchmarkTokenBucketAllow(b *testing.B) {
	tb := middleware.NewTokenBucket(rate.Every(time.Nanosecond), 1<<30, 0)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		tb.Allow(ctx, "pk_live_bench")
	}
}

func BenchmarkSetRequestID(b *testing.B) {
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("X-Request-Id", "req-7d3f1c2a")
	h := make(http.Header)
	b.ReportAllocs()
	for b.Loop() {
		middleware.SetRequestID(h, r)
	}
}
