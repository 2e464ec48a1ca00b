// Package numtext writes numbers as header values without allocating for
// the ones that recur.
package numtext

import (
	"strconv"
	"sync/atomic"
)

// numText is a number and its decimal text.
type numText struct {
	n int
	s string
}

// itoaCache remembers the text of recent numbers, one per slot of n mod 64.
var itoaCache [64]atomic.Pointer[numText]

// Itoa is [strconv.Itoa] for numbers written as header values (Retry-After,
// RateLimit-*): the same few recur from one request to the next (a limit,
// the seconds until maintenance ends), so the text of recent ones is kept
// and reused, and only a number not seen last in its slot allocates.
// Numbers below 100 never do: strconv has them.
func Itoa(n int) string {
	if 0 <= n && n < 100 {
		return strconv.Itoa(n)
	}
	slot := &itoaCache[uint(n)%uint(len(itoaCache))]
	if c := slot.Load(); c != nil && c.n == n {
		return c.s
	}
	c := &numText{n, strconv.Itoa(n)}
	slot.Store(c)
	return c.s
}
