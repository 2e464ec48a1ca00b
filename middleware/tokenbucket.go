package middleware

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// A TokenBucket is the in-memory [Limiter]: one token bucket per key, on
// golang.org/x/time/rate, refilled at a rate up to a burst. Its memory is
// bounded: a key idle long enough for its bucket to be full again is
// forgotten (nothing is lost), and when more than maxKeys keys are active
// at once an eighth of them are forgotten at random (those clients start
// again with a full bucket).
type TokenBucket struct {
	limit   rate.Limit
	burst   int
	idle    time.Duration
	perShrd int
	shards  [bucketShards]bucketShard
}

const bucketShards = 32

type bucketShard struct {
	mu sync.Mutex
	m  map[string]*bucket
}

type bucket struct {
	lim  *rate.Limiter
	last atomic.Int64 // Unix nanoseconds of the last request
}

// DefaultMaxKeys is the number of keys a [TokenBucket] keeps by default.
const DefaultMaxKeys = 100_000

// NewTokenBucket returns a limiter allowing each key r requests per second
// on average and burst at once, keeping at most maxKeys keys
// ([DefaultMaxKeys] when maxKeys <= 0). Nexpay's documented limit is
// NewTokenBucket(200, 200, 0).
func NewTokenBucket(r rate.Limit, burst, maxKeys int) *TokenBucket {
	if burst < 1 {
		burst = 1
	}
	if maxKeys <= 0 {
		maxKeys = DefaultMaxKeys
	}
	idle := time.Second
	if r > 0 && r != rate.Inf {
		if d := time.Duration(float64(burst) / float64(r) * float64(time.Second)); d > idle {
			idle = d
		}
	}
	t := &TokenBucket{limit: r, burst: burst, idle: idle, perShrd: max(1, maxKeys/bucketShards)}
	for i := range t.shards {
		t.shards[i].m = make(map[string]*bucket)
	}
	return t
}

// epoch anchors the limiter's clock: epoch plus time.Since(epoch) reads the
// monotonic clock only, half the cost of time.Now on machines without a
// fast wall clock.
var epoch = time.Now()

// Allow takes one token from key's bucket.
func (t *TokenBucket) Allow(_ context.Context, key string) RateDecision {
	now := epoch.Add(time.Since(epoch))
	sh := &t.shards[shardOf(key)]
	sh.mu.Lock()
	b := sh.m[key]
	if b == nil {
		b = t.add(sh, key, now)
	}
	sh.mu.Unlock()
	b.last.Store(now.UnixNano())
	if b.lim.AllowN(now, 1) {
		return RateDecision{Allowed: true, Limit: t.burst}
	}
	d := RateDecision{Limit: t.burst}
	if t.limit > 0 {
		need := 1 - b.lim.TokensAt(now)
		d.Wait = time.Duration(need / float64(t.limit) * float64(time.Second))
	} else {
		d.Wait = time.Second
	}
	return d
}

// Len returns the number of keys the limiter remembers.
func (t *TokenBucket) Len() int {
	n := 0
	for i := range t.shards {
		sh := &t.shards[i]
		sh.mu.Lock()
		n += len(sh.m)
		sh.mu.Unlock()
	}
	return n
}

// add makes key's bucket, first forgetting idle keys when the shard is
// full. The caller holds sh.mu.
func (t *TokenBucket) add(sh *bucketShard, key string, now time.Time) *bucket {
	if len(sh.m) >= t.perShrd {
		cutoff := now.Add(-t.idle).UnixNano()
		for k, b := range sh.m {
			if b.last.Load() < cutoff {
				delete(sh.m, k)
			}
		}
		if len(sh.m) >= t.perShrd {
			// Still full of active keys: forget an eighth of them, at
			// random (map order), so the cost stays constant per key.
			n := len(sh.m) - t.perShrd*7/8
			for k := range sh.m {
				if n <= 0 {
					break
				}
				delete(sh.m, k)
				n--
			}
		}
	}
	b := &bucket{lim: rate.NewLimiter(t.limit, t.burst)}
	b.last.Store(now.UnixNano())
	sh.m[strings.Clone(key)] = b
	return b
}

func shardOf(key string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(key); i++ {
		h ^= uint32(key[i])
		h *= 16777619
	}
	return h % bucketShards
}
