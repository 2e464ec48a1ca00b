package sandbox

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"net/url"
	"time"

	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/idempotency"
	"github.com/errkit/errkit/redisstore"
	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// A MaintenanceSwitch is what the admin routes turn on and off: the
// process's own switch, or the fleet's with -redis.
type MaintenanceSwitch interface {
	middleware.MaintenanceState
	OnFor(ctx context.Context, d time.Duration) error
	Off(ctx context.Context) error
}

// Shared is the state a fleet of sandbox replicas shares in Redis
// (-redis): idempotency keys, the maintenance switch, the rate limit and
// the nonces of signed requests.
// The domain data (payees, quotes, payments) stays in each process.
type Shared struct {
	Store       *redisstore.Store       // the idempotency keys
	Maintenance *redisstore.Maintenance // the switch of /admin/maintenance
	Limiter     *redisstore.Limiter     // -rate, for the whole fleet
	Nonces      *redisstore.Nonces      // the nonces of -auth signed
	rdb         redis.UniversalClient
}

// OpenShared connects to the Redis at cfg.Redis. The replicas' limit is
// [SharedLimit] per API key for the whole fleet.
func OpenShared(cfg Config, log *slog.Logger) (*Shared, error) {
	rdb, err := redisstore.NewClient(cfg.Redis)
	if err != nil {
		return nil, err
	}
	s := &Shared{rdb: rdb}
	opt := redisstore.Options{Logger: log, Timeout: cfg.RedisTimeout}
	// The sandbox's write timeout is 30 s: a lease of a minute outlasts
	// any request.
	if s.Store, err = redisstore.NewStore(rdb, redisstore.StoreConfig{Options: opt, Lease: time.Minute}); err != nil {
		return nil, errors.Join(err, rdb.Close())
	}
	if s.Maintenance, err = redisstore.NewMaintenance(rdb, redisstore.MaintenanceConfig{Options: opt}); err != nil {
		return nil, errors.Join(err, s.Store.Close(), rdb.Close())
	}
	if s.Limiter, err = redisstore.NewLimiter(rdb, redisstore.LimiterConfig{Options: opt, Limit: SharedLimit(cfg)}); err != nil {
		return nil, errors.Join(err, s.Store.Close(), s.Maintenance.Close(), rdb.Close())
	}
	if s.Nonces, err = redisstore.NewNonces(rdb, redisstore.NoncesConfig{Options: opt}); err != nil {
		return nil, errors.Join(err, s.Store.Close(), s.Maintenance.Close(), rdb.Close())
	}
	return s, nil
}

// Close ends the subscriptions and closes the client.
func (s *Shared) Close() error {
	return errors.Join(s.Store.Close(), s.Maintenance.Close(), s.rdb.Close())
}

// SharedLimit is the fleet's limit per API key: -rate a second, or, under
// -contract cryptopay without -rate, Cryptopay's documented 200 requests
// a minute (bursts of 200), as one replica without -redis has it.
func SharedLimit(cfg Config) redis_rate.Limit {
	if d, err := DialectNamed(cfg.Contract); err == nil && d.Contract.Name() == cryptopay.Name && !cfg.RateSet {
		return redis_rate.PerMinute(middleware.CryptopayRequestsPerMinute)
	}
	return RedisLimit(cfg.Rate)
}

// RedisLimit is -rate as a redis_rate limit: rate requests a second,
// bursts of as many (at least one), as the in-memory token bucket has.
// A fractional rate is counted per hour.
func RedisLimit(rate float64) redis_rate.Limit {
	burst := max(1, int(rate))
	if rate == math.Trunc(rate) {
		return redis_rate.Limit{Rate: int(rate), Period: time.Second, Burst: burst}
	}
	return redis_rate.Limit{Rate: max(1, int(math.Round(rate*3600))), Period: time.Hour, Burst: burst}
}

// checkRedisURL refuses a -redis value that is not a redis:// or
// rediss:// URL.
func checkRedisURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") || u.Host == "" {
		return errors.New("-redis must be a redis://host:port/db or rediss:// URL")
	}
	return nil
}

// Switch returns the maintenance switch of a server: the fleet's with
// cfg.Shared, else own, the switch of its middleware.
func Switch(cfg Config, own *middleware.Switch) MaintenanceSwitch {
	if cfg.Shared != nil {
		return cfg.Shared.Maintenance
	}
	return localSwitch{own}
}

// StartMaintenance turns maintenance on for -maintenance, if given.
func StartMaintenance(cfg Config, sw MaintenanceSwitch) error {
	if cfg.Maintenance <= 0 {
		return nil
	}
	return sw.OnFor(context.Background(), cfg.Maintenance)
}

// IdempotencyStore sets the idempotency store of ic: the fleet's with
// cfg.Shared; else ic keeps its in-memory default.
func IdempotencyStore(cfg Config, ic idempotency.Config) idempotency.Config {
	if cfg.Shared != nil {
		ic.Store = cfg.Shared.Store
	}
	return ic
}

// localSwitch is a process's own [middleware.Switch] as a
// [MaintenanceSwitch].
type localSwitch struct{ *middleware.Switch }

func (s localSwitch) OnFor(_ context.Context, d time.Duration) error { s.Switch.OnFor(d); return nil }
func (s localSwitch) Off(context.Context) error                      { s.Switch.Off(); return nil }
