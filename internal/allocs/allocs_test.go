package allocs

import "testing"

var sink []byte

func TestPerCall(t *testing.T) {
	if n := PerCall(1000, func() {}); n != 0 {
		t.Errorf("nothing: %v allocations per call", n)
	}
	if n := PerCall(1000, func() { sink = make([]byte, 64) }); n < 0.99 || n > 1.01 {
		t.Errorf("one make: %v allocations per call, want 1", n)
	}
	i := 0
	if n := PerCall(1000, func() {
		if i++; i%10 == 0 {
			sink = make([]byte, 64)
		}
	}); n < 0.09 || n > 0.11 {
		t.Errorf("one make in ten calls: %v allocations per call, want 0.1", n)
	}
}
