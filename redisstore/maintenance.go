package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/errkit/errkit/middleware"
	"github.com/redis/go-redis/v9"
)

// DefaultRefresh is how often a [Maintenance] reads its key besides the
// pub/sub messages that announce changes.
const DefaultRefresh = time.Second

// MaintenanceConfig configures a [Maintenance].
type MaintenanceConfig struct {
	// Options are the settings every piece shares: prefix, timeout,
	// logger, error hook.
	Options
	// Refresh is how often the key is read again, should a pub/sub
	// message be lost; 0 means one second, a negative value never (pub/sub
	// and reconnections only).
	Refresh time.Duration
}

// Maintenance is a [middleware.MaintenanceState] shared through one Redis
// key, for [middleware.WithMaintenance]. The key holds the end of
// maintenance (or "unknown"); absent, maintenance is off. Every replica
// keeps a local copy, read on each request without a round trip and
// refreshed by a pub/sub message on every change (and every
// [MaintenanceConfig.Refresh]), so a change made on any replica reaches
// all of them within a second. All replicas compute Retry-After from the
// same end, so they send the same one. The key outlives the replicas: a
// replica started during maintenance starts in it.
//
// When Redis is down or slow, every replica keeps its last known state,
// and reads the key again within a second of Redis coming back.
// [Maintenance.On] and [Maintenance.Off] return the error: the change is
// then not made.
type Maintenance struct {
	rdb     redis.UniversalClient
	opt     Options
	key     string
	channel string
	refresh time.Duration
	fails   *failures

	// state is the local copy: 0 off, stateUnknownEnd on without an end,
	// else the end in Unix milliseconds.
	state atomic.Int64

	ps   *redis.PubSub
	stop context.CancelFunc
	done chan struct{}
	once sync.Once
}

// stateUnknownEnd is the local state of maintenance on without an end.
const stateUnknownEnd = -1

var _ middleware.MaintenanceState = (*Maintenance)(nil)

// NewMaintenance returns the shared switch on rdb, which must honour
// context deadlines (see [NewClient]), with the state Redis holds now; if
// Redis cannot be read, it starts off and catches up as soon as Redis
// answers. Close it to stop its subscription.
func NewMaintenance(rdb redis.UniversalClient, cfg MaintenanceConfig) (*Maintenance, error) {
	if err := checkClient(rdb); err != nil {
		return nil, err
	}
	o := cfg.Options.withDefaults()
	m := &Maintenance{
		rdb:     rdb,
		opt:     o,
		key:     o.Prefix + "maintenance",
		channel: o.Prefix + "maintenance:changed",
		refresh: cfg.Refresh,
		fails:   newFailures("maintenance", o),
		done:    make(chan struct{}),
	}
	if m.refresh == 0 {
		m.refresh = DefaultRefresh
	}
	m.load(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	m.stop = cancel
	m.ps = rdb.Subscribe(ctx, m.channel)
	go m.follow(ctx, m.ps)
	return m, nil
}

// MaintenanceUntil implements [middleware.MaintenanceState] from the local
// copy: no round trip.
func (m *Maintenance) MaintenanceUntil(context.Context) (time.Time, bool) {
	switch n := m.state.Load(); n {
	case 0:
		return time.Time{}, false
	case stateUnknownEnd:
		return time.Time{}, true
	default:
		until := time.UnixMilli(n)
		if !time.Now().Before(until) {
			return time.Time{}, false
		}
		return until, true
	}
}

// On turns maintenance on for every replica until the given time; a zero
// until means the end is unknown (Retry-After is then
// [middleware.UnknownEndRetryAfter]). A time not after now is an error.
func (m *Maintenance) On(ctx context.Context, until time.Time) error {
	v := "unknown"
	var ttl time.Duration
	if !until.IsZero() {
		ttl = time.Until(until)
		if ttl <= 0 {
			return errors.New("redisstore: maintenance end is not in the future")
		}
		v = strconv.FormatInt(until.UnixMilli(), 10)
		ttl += time.Minute // the key outlives the end a little, then goes
	}
	return m.set(ctx, v, ttl)
}

// OnFor turns maintenance on for every replica for d from now.
func (m *Maintenance) OnFor(ctx context.Context, d time.Duration) error {
	return m.On(ctx, time.Now().Add(d))
}

// Off turns maintenance off for every replica.
func (m *Maintenance) Off(ctx context.Context) error { return m.set(ctx, "", 0) }

// setScript writes KEYS[1] (deletes it for an empty ARGV[1]), to expire
// in ARGV[2] ms unless 0, and publishes the value on channel ARGV[3].
var setScript = redis.NewScript(`
if ARGV[1] == '' then
	redis.call('DEL', KEYS[1])
elseif tonumber(ARGV[2]) > 0 then
	redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
else
	redis.call('SET', KEYS[1], ARGV[1])
end
redis.call('PUBLISH', ARGV[3], ARGV[1])
return 1
`)

// set writes the key (deletes it for "") and announces the change, in one
// round trip; the local copy follows at once.
func (m *Maintenance) set(ctx context.Context, v string, ttl time.Duration) error {
	cctx, cancel := context.WithTimeout(ctx, m.opt.Timeout)
	defer cancel()
	err := setScript.Run(cctx, m.rdb, []string{m.key}, v, ttl.Milliseconds(), m.channel).Err()
	if err != nil {
		if ctx.Err() == nil { // not a client that went away
			m.fails.fail("maintenance", err)
		}
		return fmt.Errorf("redisstore: maintenance: %w", err)
	}
	m.fails.ok()
	m.apply(v)
	return nil
}

// apply sets the local copy from the key's value.
func (m *Maintenance) apply(v string) {
	switch v {
	case "":
		m.state.Store(0)
	case "unknown":
		m.state.Store(stateUnknownEnd)
	default:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			m.fails.fail("maintenance", fmt.Errorf("malformed maintenance value %q", v))
			return
		}
		m.state.Store(n)
	}
}

// load reads the key into the local copy; on failure the copy stays.
func (m *Maintenance) load(ctx context.Context) {
	cctx, cancel := context.WithTimeout(ctx, m.opt.Timeout)
	defer cancel()
	v, err := m.rdb.Get(cctx, m.key).Result()
	if errors.Is(err, redis.Nil) {
		v, err = "", nil
	}
	if err != nil {
		if ctx.Err() == nil { // not the loop ending
			m.fails.fail("maintenance", err)
		}
		return
	}
	m.fails.ok()
	m.apply(v)
}

// follow applies the changes announced on the channel, reads the key
// again on every (re)subscription and every refresh, and backs off while
// Redis is down.
func (m *Maintenance) follow(ctx context.Context, ps *redis.PubSub) {
	defer close(m.done)
	wait := m.refresh
	if wait < 0 {
		wait = time.Second
	}
	backoff := backoffMin
	for {
		msg, err := ps.ReceiveTimeout(ctx, wait)
		if ctx.Err() != nil {
			return
		}
		switch msg := msg.(type) {
		case *redis.Message:
			m.apply(msg.Payload)
		case *redis.Subscription:
			// Subscribed anew: whatever changed meanwhile was missed.
			m.load(ctx)
		}
		if err == nil {
			backoff = backoffMin
			continue
		}
		var ne interface{ Timeout() bool }
		if errors.As(err, &ne) && ne.Timeout() {
			// Quiet for a while: check the connection, and read the key.
			if m.refresh > 0 {
				m.load(ctx)
			}
			_ = ps.Ping(ctx)
			continue
		}
		m.fails.fail("maintenance", err)
		if !sleep(ctx, backoff) {
			return
		}
		backoff = min(2*backoff, backoffMax)
	}
}

// Close stops following changes; the local copy stays as it is.
func (m *Maintenance) Close() error {
	var err error
	m.once.Do(func() {
		m.stop()
		err = m.ps.Close() // ends a read in progress
		<-m.done
	})
	return err
}
