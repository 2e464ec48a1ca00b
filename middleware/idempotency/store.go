package idempotency

import (
	"context"
	"net/http"
	"time"
)

// A Store keeps idempotency records. Keys are opaque strings the
// [Middleware] builds from the client's scope and its key; they never hold
// a raw credential. Every method is safe for concurrent use, and Claim is
// atomic: of many concurrent claims of one free key, exactly one succeeds.
// A shared store (for a fleet) implements the same three operations.
type Store interface {
	// Claim claims key for a request with fingerprint fp. If the key is
	// free (never seen, released or expired), Claim records it as in
	// flight and returns claimed true. Otherwise it returns the key's
	// record: in flight (Done false) or completed. The record must not be
	// modified.
	Claim(ctx context.Context, key string, fp Fingerprint) (rec *Record, claimed bool, err error)
	// Complete stores the completed response of a claimed key, to be
	// replayed until rec.Expires. The store owns rec from then on, unless
	// Complete fails: the middleware then calls it once more with the
	// same rec, and if that fails too, leaves the key claimed, never
	// released, since its response was sent. A store that can fail must
	// therefore free a claim by itself after a lease, as
	// the Store of package redisstore does; [MemoryStore] never fails.
	Complete(ctx context.Context, key string, rec *Record) error
	// Release frees a claimed key without a response, so that the next
	// request with it runs the handler (after a 5xx, a panic). It is
	// never called for a key whose request was answered otherwise.
	Release(ctx context.Context, key string) error
}

// A Notifier is a [Store] that tells when a key in flight is completed or
// released, so that requests waiting for it ([Config.Wait]) wake at once
// instead of polling the store.
type Notifier interface {
	// Done returns a channel closed when key, now in flight, is completed
	// or released; nil if key is not in flight.
	Done(key string) <-chan struct{}
}

// A Record is what a [Store] holds for a key: the fingerprint of the request
// that claimed it and, once Done, its response.
type Record struct {
	// Fingerprint identifies the request that claimed the key: a retry
	// with another body or route is refused.
	Fingerprint Fingerprint
	// Done is false while the first request is in flight.
	Done bool
	// Status, Header and Body are the response as the handler wrote it;
	// Header holds only the replayed headers ([Config.Headers]).
	Status int
	Header http.Header // the replayed headers
	Body   []byte      // the body, as written
	// Expires is when the key becomes free again.
	Expires time.Time
}
