package cputime

import "testing"

func TestNowAdvances(t *testing.T) {
	start, ok := Now()
	if !ok {
		t.Skip("no CPU time on this system")
	}
	x := 0
	for i := range 50_000_000 {
		x ^= i
	}
	end, _ := Now()
	if end <= start {
		t.Fatalf("CPU time went from %d to %d over a busy loop (%d)", start, end, x)
	}
}
