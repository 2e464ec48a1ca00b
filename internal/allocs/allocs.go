// Package allocs counts allocations for tests, as a fraction per call.
package allocs

import "runtime"

// PerCall returns the allocations per call of f over n calls, as a
// fraction: memory cut from a batch shows as its share of the batch's one
// allocation, where testing.AllocsPerRun rounds down to a whole number. f
// is called once first, so that a batch or a cache it fills counts for
// nothing. Like testing.AllocsPerRun, it is meaningless under -race, which
// drops sync.Pool items at random.
func PerCall(n int, f func()) float64 {
	f()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range n {
		f()
	}
	runtime.ReadMemStats(&after)
	return float64(after.Mallocs-before.Mallocs) / float64(n)
}
