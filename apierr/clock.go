package apierr

import (
	"sync/atomic"
	"time"
)

var clock atomic.Pointer[func() time.Time]

// SetClock makes [New] stamp errors with now() instead of time.Now; tests use
// it to pin timestamps. It returns a function that restores the previous
// clock. A nil now restores time.Now.
func SetClock(now func() time.Time) (restore func()) {
	var p *func() time.Time
	if now != nil {
		p = &now
	}
	old := clock.Swap(p)
	return func() { clock.Store(old) }
}

func now() time.Time {
	if p := clock.Load(); p != nil {
		return (*p)()
	}
	return time.Now()
}
