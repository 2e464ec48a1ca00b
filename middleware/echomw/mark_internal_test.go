package echomw

import (
	"net/http"
	"testing"
)

// Marking replaces a Content-Type that is there: it must not grow the map,
// as a plain assignment does to a map of eight keys (a 429's headers:
// X-Request-Id, Content-Type, X-Content-Type-Options, Cache-Control,
// Retry-After and the three RateLimit-* headers).
func TestMarkDoesNotGrowAFullHeader(t *testing.T) {
	s := New()
	ct := []string{s.answered[0]} // the value Render sets, not the mark
	v := []string{"1"}
	keys := []string{"X-Request-Id", "X-Content-Type-Options", "Cache-Control", "Retry-After",
		"Ratelimit-Limit", "Ratelimit-Remaining", "Ratelimit-Reset"}
	var h http.Header
	fill := func() {
		h = make(http.Header, 8) // a map of one group of eight
		h["Content-Type"] = ct
		for _, k := range keys {
			h[k] = v
		}
	}
	alone := testing.AllocsPerRun(100, fill)
	got := testing.AllocsPerRun(100, func() {
		fill()
		if !s.mark(h) {
			t.Fatal("not marked")
		}
	})
	if got != alone {
		t.Errorf("a full header: %v allocations, and %v with its mark", alone, got)
	}
	if !s.marked(h) || len(h) != 8 || h.Get("Content-Type") != s.answered[0] {
		t.Errorf("marked %v, %d keys, Content-Type %q", s.marked(h), len(h), h.Get("Content-Type"))
	}
}
