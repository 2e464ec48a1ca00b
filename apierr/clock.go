package apierr

import (
	"context"
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

type requestIDKey struct{}

// ContextWithRequestID returns a context carrying the request's ID, as the
// request-ID middleware sets it. Contracts that put a trace ID in the body
// (Nexpay legacy traceId, Cryptopay meta.request_id) read it from there.
func ContextWithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request ID carried by ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
