package middleware

import (
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a clock tests move by hand, from its start.
type fakeClock struct{ ns atomic.Int64 }

func newFakeClock() *fakeClock {
	c := new(fakeClock)
	c.ns.Store(time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC).UnixNano())
	return c
}

func (c *fakeClock) now() time.Time      { return time.Unix(0, c.ns.Load()) }
func (c *fakeClock) add(d time.Duration) { c.ns.Add(int64(d)) }

func TestSamplerFirstNPerPeriod(t *testing.T) {
	clock := newFakeClock()
	s := newSampler(3, time.Second, clock.now)
	type step struct {
		advance    time.Duration
		code       string
		ok         bool
		suppressed int
	}
	steps := []step{
		{0, "GEN9002", true, 0},
		{0, "GEN9002", true, 0},
		{0, "GEN9002", true, 0},
		{0, "GEN9002", false, 0},
		{0, "GEN9002", false, 0},
		{0, "PAY0001", true, 0}, // another code has a window of its own
		{999 * time.Millisecond, "GEN9002", false, 0},
		{time.Millisecond, "GEN9002", true, 3}, // a new period: the count of the dropped ones
		{0, "GEN9002", true, 0},
		{0, "GEN9002", true, 0},
		{0, "GEN9002", false, 0},
		{10 * time.Second, "GEN9002", true, 1}, // a quiet spell keeps the count until the next record
	}
	for i, st := range steps {
		clock.add(st.advance)
		ok, n := s.admit(st.code)
		if ok != st.ok || n != st.suppressed {
			t.Errorf("step %d (%s): admit = %v, %d; want %v, %d", i, st.code, ok, n, st.ok, st.suppressed)
		}
	}
}

func TestSamplerBoundsItsCodes(t *testing.T) {
	clock := newFakeClock()
	s := newSampler(1, time.Second, clock.now)
	for i := range maxSampledCodes + 500 {
		s.admit("X" + strconv.Itoa(i))
	}
	if n := len(s.windows); n > maxSampledCodes+1 {
		t.Fatalf("%d windows kept for %d codes, want at most %d", n, maxSampledCodes+500, maxSampledCodes+1)
	}
	// The codes past the bound share one window: one of them is logged
	// per period, the others dropped.
	if ok, _ := s.admit("new-code"); ok {
		t.Fatal("a code past the bound was logged although its shared window is spent")
	}
}

func TestSamplerConcurrent(t *testing.T) {
	clock := newFakeClock()
	s := newSampler(5, time.Second, clock.now)
	var wg sync.WaitGroup
	var mu sync.Mutex
	logged, suppressed := 0, 0
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				ok, n := s.admit("GEN9002")
				mu.Lock()
				if ok {
					logged++
				}
				suppressed += n
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if logged != 5 || suppressed != 0 {
		t.Fatalf("logged %d (suppressed %d) of 8000 in one period, want 5 (0)", logged, suppressed)
	}
	clock.add(time.Second)
	if ok, n := s.admit("GEN9002"); !ok || n != 8000-5 {
		t.Fatalf("next period: %v, %d; want true, %d", ok, n, 8000-5)
	}
}
