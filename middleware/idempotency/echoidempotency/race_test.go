//go:build race

package echoidempotency

// raceEnabled: the race detector makes sync.Pool drop items at random, so
// allocation counts of code that pools (echo does) are not meaningful.
const raceEnabled = true
