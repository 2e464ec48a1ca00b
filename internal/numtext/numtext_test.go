package numtext

import (
	"math"
	"strconv"
	"sync"
	"testing"

	"github.com/errkit/errkit/internal/allocs"
)

func TestItoa(t *testing.T) {
	cases := []int{0, 1, 9, 10, 99, 100, 101, 164, 999, 1000, 3600, 31536000, -1, -100, math.MaxInt, math.MinInt}
	for range 2 { // the second time from the cache
		for _, v := range cases {
			if got, want := Itoa(v), strconv.Itoa(v); got != want {
				t.Errorf("Itoa(%d) = %q, want %q", v, got, want)
			}
		}
	}
}

// Numbers sharing a slot (all these 256 land in slot 36), asked for at
// once from many goroutines, each get their own text.
func TestItoaConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 2000 {
				n := 100 + (g*2000+i)%256*64
				if got := Itoa(n); got != strconv.Itoa(n) {
					t.Errorf("Itoa(%d) = %q", n, got)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestItoaAllocations(t *testing.T) {
	var sink string
	if n := allocs.PerCall(1000, func() {
		sink = Itoa(3600) // a recurring number
		sink = Itoa(42)   // below 100
	}); n > 0.002 {
		t.Errorf("recurring numbers: %.4f allocations per call, want none", n)
	}
	_ = sink
}

func FuzzItoa(f *testing.F) {
	for _, n := range []int{0, 99, 100, 3600, -5, math.MinInt} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n int) {
		if got, want := Itoa(n), strconv.Itoa(n); got != want {
			t.Fatalf("Itoa(%d) = %q, want %q", n, got, want)
		}
	})
}
