package auth

import (
	"context"
	"sync"
)

// A NonceStore keeps, per API key, the last nonce accepted.
type NonceStore interface {
	// Advance records nonce as the last one accepted for key and reports
	// true when it is greater than the last one recorded (any nonce is,
	// for a key with none); otherwise it records nothing and reports
	// false. The check and the record are one atomic step: of two
	// requests with the same nonce, one wins. An error means the store
	// could not answer; the request is then refused.
	Advance(ctx context.Context, key string, nonce uint64) (bool, error)
}

// MemoryNonces is a NonceStore for one process. It keeps one number per
// key that ever signed a request successfully, so its size is bounded by
// the application's keys, not by what clients send. The zero value is
// ready to use; it is safe for concurrent use.
type MemoryNonces struct {
	mu   sync.Mutex
	last map[string]uint64
}

// Advance implements [NonceStore].
func (m *MemoryNonces) Advance(_ context.Context, key string, nonce uint64) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if nonce <= m.last[key] {
		return false, nil
	}
	if m.last == nil {
		m.last = make(map[string]uint64)
	}
	m.last[key] = nonce
	return true, nil
}
