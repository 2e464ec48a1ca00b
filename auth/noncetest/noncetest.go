// Package noncetest checks that an [auth.NonceStore] keeps its promise:
// per key, only a nonce greater than the last one accepted is accepted,
// the check and the record are one atomic step, and replicas that share
// a backend share the rule.
package noncetest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/errkit/errkit/auth"
)

// Run runs the checks. newStore returns a store on a backend that is
// empty for the key prefix it is given; called twice with the same
// prefix, it must return two stores (two replicas) over the same backend.
func Run(t *testing.T, newStore func(t *testing.T, prefix string) auth.NonceStore) {
	t.Run("Sequence", func(t *testing.T) { sequence(t, newStore(t, "seq")) })
	t.Run("SameNonceAtOnce", func(t *testing.T) { sameNonce(t, newStore(t, "same")) })
	t.Run("IncreasingAtOnce", func(t *testing.T) {
		increasing(t, []auth.NonceStore{newStore(t, "inc")})
	})
	t.Run("Replicas", func(t *testing.T) {
		a, b := newStore(t, "rep"), newStore(t, "rep")
		advance(t, a, "k", 10, true)
		advance(t, b, "k", 10, false)
		advance(t, b, "k", 9, false)
		advance(t, b, "k", 11, true)
		advance(t, a, "k", 11, false)
		increasing(t, []auth.NonceStore{a, b})
	})
}

func advance(t *testing.T, s auth.NonceStore, key string, n uint64, want bool) {
	t.Helper()
	ok, err := s.Advance(context.Background(), key, n)
	if err != nil {
		t.Fatalf("Advance(%s, %d): %v", key, n, err)
	}
	if ok != want {
		t.Errorf("Advance(%s, %d) = %v, want %v", key, n, ok, want)
	}
}

func sequence(t *testing.T, s auth.NonceStore) {
	advance(t, s, "a", 1, true)
	advance(t, s, "a", 1, false)
	advance(t, s, "a", 0, false)
	advance(t, s, "a", 5, true)
	advance(t, s, "a", 4, false)
	advance(t, s, "b", 2, true) // keys are apart
	advance(t, s, "a", 6, true)
	advance(t, s, "a", auth.MaxNonce, true)
	advance(t, s, "a", auth.MaxNonce, false)
	advance(t, s, "b", auth.MaxNonce-1, true)
	advance(t, s, "b", auth.MaxNonce, true)
}

// sameNonce sends one nonce from many goroutines: exactly one wins.
func sameNonce(t *testing.T, s auth.NonceStore) {
	const n = 32
	var wins atomic.Int32
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			ok, err := s.Advance(context.Background(), "k", 42)
			if err != nil {
				t.Error(err)
			}
			if ok {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Errorf("%d of %d goroutines had nonce 42 accepted, want 1", wins.Load(), n)
	}
}

// increasing has goroutines take increasing nonces of one key and send
// them, round-robin over stores, then checks that the largest accepted is
// every store's last.
func increasing(t *testing.T, stores []auth.NonceStore) {
	_, max := Concurrent(t, func(worker int, n uint64) bool {
		ok, err := stores[worker%len(stores)].Advance(context.Background(), "inc", n)
		if err != nil {
			t.Error(err)
		}
		return ok
	})
	for _, s := range stores {
		advance(t, s, "inc", max, false)
	}
	advance(t, stores[0], "inc", max+1, true)
}

// Concurrent has 8 goroutines take 25 increasing nonces each from one
// counter and send them at once: send reports whether a nonce was
// accepted (worker tells the goroutine apart, to spread them over
// replicas). It fails t when a nonce is accepted twice or none is, and
// returns how many were accepted and the largest. A nonce may be refused
// only because a larger one overtook it; send checks how it was refused.
func Concurrent(t *testing.T, send func(worker int, nonce uint64) bool) (accepted int, max uint64) {
	const workers, each = 8, 25
	var counter atomic.Uint64
	counter.Store(5_000_000_000)
	var mu sync.Mutex
	seen := map[uint64]bool{}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				n := counter.Add(1)
				if !send(w+i, n) {
					continue
				}
				mu.Lock()
				if seen[n] {
					t.Errorf("nonce %d accepted twice", n)
				}
				seen[n] = true
				if n > max {
					max = n
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) == 0 {
		t.Fatal("no nonce accepted")
	}
	t.Logf("%d of %d nonces accepted", len(seen), workers*each)
	return len(seen), max
}
