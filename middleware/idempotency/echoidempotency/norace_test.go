//go:build !race

package echoidempotency

const raceEnabled = false
