package redisstore

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// Defaults of [Options].
const (
	DefaultPrefix  = "errkit:"
	DefaultTimeout = 50 * time.Millisecond
)

// Options are what the three pieces share.
type Options struct {
	// Prefix starts every key and channel name: "errkit:" by default.
	// Give each service (or environment) sharing a Redis its own.
	Prefix string
	// Timeout bounds every Redis call: 50 ms by default. A call that
	// takes longer fails, and the piece does what it does when Redis is
	// down.
	Timeout time.Duration
	// Logger receives a record when Redis fails and when it is back, at
	// most one failure record per piece every 10 s; nil means
	// slog.Default().
	Logger *slog.Logger
	// OnError, if set, is called on every failed Redis call with the
	// operation ("claim", "complete", "release", "wait", "allow",
	// "maintenance") and the error, and on every claim or rate check not
	// sent while Redis fails (with [ErrFailing]): a hook for a metric. It
	// must be fast.
	OnError func(op string, err error)
}

func (o Options) withDefaults() Options {
	if o.Prefix == "" {
		o.Prefix = DefaultPrefix
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// errNoDeadlines is the error of a client that would ignore the per-call
// deadline.
var errNoDeadlines = errors.New("redisstore: the client ignores context deadlines: build it with ContextTimeoutEnabled: true (NewClient does)")

// checkClient refuses a nil client and the clients known to ignore
// context deadlines, with which a slow Redis would hold requests for the
// client's read timeout instead of [Options.Timeout].
func checkClient(rdb redis.UniversalClient) error {
	switch c := rdb.(type) {
	case nil:
		return errors.New("redisstore: nil client")
	case *redis.Client:
		if !c.Options().ContextTimeoutEnabled {
			return errNoDeadlines
		}
	case *redis.ClusterClient:
		if !c.Options().ContextTimeoutEnabled {
			return errNoDeadlines
		}
	case *redis.Ring:
		if !c.Options().ContextTimeoutEnabled {
			return errNoDeadlines
		}
	}
	return nil
}

// NewClient returns a client of the Redis at url ("redis://host:port/db",
// "rediss://" for TLS, user and password in the URL), set to honour
// context deadlines as the pieces of this package need.
func NewClient(url string) (*redis.Client, error) {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, err
	}
	opt.ContextTimeoutEnabled = true
	return redis.NewClient(opt), nil
}

// failures reports a piece's failed calls: each to OnError, the first of
// a run and then at most one every logEvery to the logger, and the
// recovery once.
type failures struct {
	piece   string
	log     *slog.Logger
	onError func(string, error)

	failing atomic.Bool // read on every call without the lock
	probing atomic.Bool // a call is trying Redis while it fails

	mu         sync.Mutex
	lastLog    time.Time
	suppressed int
}

// logEvery is the least time between two failure records of a piece.
const logEvery = 10 * time.Second

func newFailures(piece string, o Options) *failures {
	return &failures{piece: piece, log: o.Logger, onError: o.OnError}
}

// ErrFailing is the error of a claim or a rate check not sent to Redis
// because Redis is failing: while it does, one call at a time tries it,
// and the others fail at once rather than each wait for the deadline.
var ErrFailing = errors.New("redisstore: redis is failing; one call at a time tries it")

// enter reports whether a call may go to Redis: always while Redis
// answers; while it fails, one call at a time (the probe, which must call
// leave).
func (f *failures) enter() (ok, probe bool) {
	if !f.failing.Load() {
		return true, false
	}
	if f.probing.CompareAndSwap(false, true) {
		return true, true
	}
	return false, false
}

// leave ends a probe.
func (f *failures) leave(probe bool) {
	if probe {
		f.probing.Store(false)
	}
}

// skip reports a call of op not sent because Redis fails.
func (f *failures) skip(op string) {
	if f.onError != nil {
		f.onError(op, ErrFailing)
	}
}

// fail reports a failed call of op.
func (f *failures) fail(op string, err error) {
	if f.onError != nil {
		f.onError(op, err)
	}
	f.mu.Lock()
	now := time.Now()
	if f.failing.Load() && now.Sub(f.lastLog) < logEvery {
		f.suppressed++
		f.mu.Unlock()
		return
	}
	n := f.suppressed
	f.lastLog, f.suppressed = now, 0
	f.failing.Store(true)
	f.mu.Unlock()
	f.log.LogAttrs(context.Background(), slog.LevelWarn, "redisstore: redis call failed",
		slog.String("piece", f.piece), slog.String("op", op), slog.String("err", err.Error()),
		slog.Int("failuresSinceLastRecord", n))
}

// ok reports a call that succeeded: the end of a run of failures is logged
// once.
func (f *failures) ok() {
	if !f.failing.Load() {
		return
	}
	f.mu.Lock()
	if !f.failing.Load() {
		f.mu.Unlock()
		return
	}
	n := f.suppressed
	f.suppressed = 0
	f.failing.Store(false)
	f.mu.Unlock()
	f.log.LogAttrs(context.Background(), slog.LevelInfo, "redisstore: redis answers again",
		slog.String("piece", f.piece), slog.Int("failuresSinceLastRecord", n))
}
