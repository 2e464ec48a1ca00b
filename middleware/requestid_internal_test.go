package middleware

import (
	"strings"
	"testing"
)

// New IDs are 32 lowercase hex digits, distinct, each digit uniform enough
// that every position takes all 16 values.
func TestNewRequestIDs(t *testing.T) {
	const n = 1280
	seen := make(map[string]bool, n)
	var at [32][16]int
	for range n {
		v := newRequestID()
		if len(v) != 1 || cap(v) != 1 {
			t.Fatalf("values %q: len %d cap %d", v, len(v), cap(v))
		}
		id := v[0]
		if len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "" {
			t.Fatalf("ID %q is not 32 lowercase hex digits", id)
		}
		if seen[id] {
			t.Fatalf("ID %q made twice", id)
		}
		seen[id] = true
		for i := range 32 {
			at[i][strings.IndexByte("0123456789abcdef", id[i])]++
		}
	}
	for i, counts := range at {
		for d, c := range counts {
			if c == 0 {
				t.Errorf("position %d never took digit %x in %d IDs", i, d, n)
			}
		}
	}
}
