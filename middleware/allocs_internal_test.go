package middleware

import (
	"errors"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/allocs"
)

var sinkErr *apierr.Error

// The errors the set answers with are one allocation each, and a request
// ID a 64th of one: what the set adds to a failing request beyond the
// floor, held here so that it cannot creep back.
func TestErrorAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector drops sync.Pool items at random")
	}
	s := New(WithLogger(slog.New(slog.DiscardHandler))) // no record wants the stack
	r := httptest.NewRequest("GET", "/", nil)
	denied := RateDecision{Limit: 1000, Remaining: 0, Wait: 150 * time.Second}
	maint := New()
	maint.Switch().On(time.Now().Add(time.Hour))
	var slab idSlab
	var sinkID []string
	for _, tc := range []struct {
		name string
		f    func()
		max  float64
	}{
		// Room for its four headers comes with the error, and the text
		// of a recurring number is reused.
		{"429", func() { sinkErr = RateLimitError(nil, denied) }, 1.01},
		{"503", func() { sinkErr = maint.MaintenanceError(r) }, 1.01},
		// The PanicError, its condition and the error it becomes.
		{"panic", func() {
			ce, _ := errors.AsType[*apierr.ConditionError](s.recovered(r, "boom"))
			sinkErr = ce.In(s.contract)
		}, 1.01},
		{"request ID", func() { sinkID = slab.take() }, 1.1 / 64}, // a block per 64, and room for a stray runtime allocation
	} {
		sinkErr, sinkID = nil, nil
		if got := allocs.PerCall(10000, tc.f); got > tc.max {
			t.Errorf("%s: %.4f allocations, want at most %.4f", tc.name, got, tc.max)
		}
		if sinkErr == nil && sinkID == nil {
			t.Errorf("%s: made nothing", tc.name)
		}
	}
	_ = sinkID
}
