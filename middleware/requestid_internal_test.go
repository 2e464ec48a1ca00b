package middleware

import (
	"encoding/binary"
	"strings"
	"testing"
)

func TestHex8(t *testing.T) {
	const digits = "0123456789abcdef"
	for n := range uint64(16) {
		for pos := range 8 {
			var out [8]byte
			// the high nibble of each byte must be ignored
			binary.LittleEndian.PutUint64(out[:], hex8(n<<(8*pos)|0xf0f0f0f0f0f0f0f0))
			for i, c := range out {
				want := byte('0')
				if i == pos {
					want = digits[n]
				}
				if c != want {
					t.Fatalf("hex8: nibble %d at byte %d gave %q at %d, want %q", n, pos, out, i, want)
				}
			}
		}
	}
}

// New IDs are 32 lowercase hex digits, distinct, each digit uniform enough
// that every position takes all 16 values, and never change once handed
// out, even as their slab fills.
func TestNewRequestIDs(t *testing.T) {
	const n = 20 * idBatch
	seen := make(map[string]bool, n)
	var at [32][16]int
	var kept [][]string
	var copies []string
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
		kept = append(kept, v)
		copies = append(copies, strings.Clone(id))
	}
	for i, counts := range at {
		for d, c := range counts {
			if c == 0 {
				t.Errorf("position %d never took digit %x in %d IDs", i, d, n)
			}
		}
	}
	for i, v := range kept {
		if v[0] != copies[i] {
			t.Fatalf("ID %q changed to %q after it was handed out", copies[i], v[0])
		}
	}
}
