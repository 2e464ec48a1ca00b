package redisstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/errkit/errkit/middleware"
	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// LimiterConfig configures a [Limiter].
type LimiterConfig struct {
	// Options are the settings every piece shares: prefix, timeout,
	// logger, error hook.
	Options
	// Limit is each client's allowance: Rate requests per Period, with
	// bursts of up to Burst. redis_rate.PerSecond(200) is 200 a second,
	// burst 200.
	Limit redis_rate.Limit
	// FailClosed denies requests while Redis fails (429, Retry-After: 1)
	// instead of letting them through: for limits that guard a cost
	// rather than fairness (login attempts, an upstream's quota).
	FailClosed bool
}

// Limiter is a [middleware.Limiter] shared by every replica, for
// [middleware.WithRateLimit]: GCRA in one round trip per request
// (github.com/go-redis/redis_rate), so that the whole fleet admits at most
// the rate plus the burst per client, and the 429's Retry-After and
// RateLimit-* headers come from the shared state.
//
// When Redis is down or slower than [Options.Timeout], it fails open: the
// request is allowed, [Options.OnError] is called and a log record says
// so (at most one every 10 s). [LimiterConfig.FailClosed] denies instead.
// While Redis fails, one check at a time tries it and the others are
// decided at once, without waiting for the deadline. Clients' keys are hashed before they reach
// Redis, under "rate:<Prefix>rl:" (redis_rate adds "rate:").
type Limiter struct {
	rl     *redis_rate.Limiter
	limit  redis_rate.Limit
	closed bool // FailClosed
	opt    Options
	prefix string
	fails  *failures
}

var _ middleware.Limiter = (*Limiter)(nil)

// NewLimiter returns a Limiter on rdb, which must honour context deadlines
// (see [NewClient]).
func NewLimiter(rdb redis.UniversalClient, cfg LimiterConfig) (*Limiter, error) {
	if err := checkClient(rdb); err != nil {
		return nil, err
	}
	l := cfg.Limit
	if l.Rate <= 0 || l.Period <= 0 || l.Burst <= 0 {
		return nil, errors.New("redisstore: the limit needs a positive Rate, Period and Burst")
	}
	o := cfg.Options.withDefaults()
	return &Limiter{
		rl:     redis_rate.NewLimiter(rdb),
		limit:  l,
		closed: cfg.FailClosed,
		opt:    o,
		prefix: o.Prefix + "rl:",
		fails:  newFailures("ratelimit", o),
	}, nil
}

// Allow implements [middleware.Limiter].
func (l *Limiter) Allow(ctx context.Context, key string) middleware.RateDecision {
	ok, probe := l.fails.enter()
	if !ok {
		l.fails.skip("allow")
		return l.failed()
	}
	defer l.fails.leave(probe)
	cctx, cancel := context.WithTimeout(ctx, l.opt.Timeout)
	defer cancel()
	res, err := l.rl.Allow(cctx, l.redisKey(key), l.limit)
	if err != nil {
		if ctx.Err() == nil { // not a client that went away
			l.fails.fail("allow", err)
		}
		return l.failed()
	}
	l.fails.ok()
	d := middleware.RateDecision{Allowed: res.Allowed > 0, Limit: l.limit.Burst, Remaining: res.Remaining}
	if !d.Allowed {
		d.Wait = res.RetryAfter
	}
	return d
}

// failed is the decision while Redis fails: allow, or deny for a second
// with FailClosed.
func (l *Limiter) failed() middleware.RateDecision {
	if l.closed {
		return middleware.RateDecision{Wait: time.Second, Limit: l.limit.Burst}
	}
	return middleware.RateDecision{Allowed: true, Limit: l.limit.Burst}
}

// redisKey hashes a client's key: it may be an API key, which has no
// business in Redis's keyspace.
func (l *Limiter) redisKey(key string) string {
	h := sha256.Sum256([]byte(key))
	var b [len(h)]byte
	n := hex.Encode(b[:], h[:16])
	return l.prefix + string(b[:n])
}
