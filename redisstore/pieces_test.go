package redisstore_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errkit/errkit/internal/redistest"
	"github.com/errkit/errkit/redisstore"
	"github.com/go-redis/redis_rate/v10"
)

func TestMaintenanceUnknownEnd(t *testing.T) {
	srv := redistest.Start(t)
	m, err := redisstore.NewMaintenance(srv.Client(), redisstore.MaintenanceConfig{Options: redisstore.Options{Timeout: testTimeout}})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	ctx := context.Background()
	if _, on := m.MaintenanceUntil(ctx); on {
		t.Fatal("on before any switch")
	}
	if err := m.On(ctx, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if until, on := m.MaintenanceUntil(ctx); !on || !until.IsZero() {
		t.Errorf("unknown end: %v %v", until, on)
	}
	if ttl := srv.Client().TTL(ctx, "errkit:maintenance").Val(); ttl != -1 {
		t.Errorf("an unknown end expires the key: TTL %v", ttl)
	}
	if err := m.On(ctx, time.Now().Add(-time.Second)); err == nil {
		t.Error("an end in the past was accepted")
	}
	until := time.Now().Add(time.Hour).Truncate(time.Millisecond)
	if err := m.On(ctx, until); err != nil {
		t.Fatal(err)
	}
	if got, on := m.MaintenanceUntil(ctx); !on || !got.Equal(until) {
		t.Errorf("until %v %v, want %v", got, on, until)
	}
	// The key goes a minute after the end.
	if ttl := srv.Client().TTL(ctx, "errkit:maintenance").Val(); ttl < time.Hour || ttl > time.Hour+time.Minute {
		t.Errorf("key TTL %v", ttl)
	}
	if err := m.Off(ctx); err != nil {
		t.Fatal(err)
	}
	if _, on := m.MaintenanceUntil(ctx); on {
		t.Error("on after Off")
	}
}

// TestMaintenanceRefresh: a change whose message was lost (written
// without one) is read within the refresh interval; a malformed value is
// reported and leaves the state as it was.
func TestMaintenanceRefresh(t *testing.T) {
	srv := redistest.Start(t)
	var errs atomic.Int64
	m, err := redisstore.NewMaintenance(srv.Client(), redisstore.MaintenanceConfig{
		Options: redisstore.Options{Prefix: "p:", Timeout: testTimeout, Logger: slog.New(slog.DiscardHandler), OnError: func(string, error) { errs.Add(1) }},
		Refresh: 50 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	ctx := context.Background()
	srv.Client().Set(ctx, "p:maintenance", "unknown", 0)
	waitFor(t, func() bool { _, on := m.MaintenanceUntil(ctx); return on })
	srv.Client().Set(ctx, "p:maintenance", "garbage", 0)
	waitFor(t, func() bool { return errs.Load() > 0 })
	if _, on := m.MaintenanceUntil(ctx); !on {
		t.Error("a malformed value turned maintenance off")
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestLimiterDecisions(t *testing.T) {
	srv := redistest.Start(t)
	l, err := redisstore.NewLimiter(srv.Client(), redisstore.LimiterConfig{Options: redisstore.Options{Timeout: testTimeout}, Limit: redis_rate.Limit{Rate: 3, Period: time.Minute, Burst: 3}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for want := 2; want >= 0; want-- {
		d := l.Allow(ctx, "pk_live_secret")
		if !d.Allowed || d.Remaining != want || d.Limit != 3 || d.Wait != 0 {
			t.Errorf("decision %+v, want allowed with %d remaining", d, want)
		}
	}
	d := l.Allow(ctx, "pk_live_secret")
	if d.Allowed || d.Remaining != 0 || d.Wait < 19*time.Second || d.Wait > 20*time.Second {
		t.Errorf("denied decision %+v, want a wait of 20 s", d)
	}
	// The client's key is hashed before it reaches Redis.
	for _, k := range srv.Client().Keys(ctx, "*").Val() {
		if strings.Contains(k, "secret") || !strings.HasPrefix(k, "rate:errkit:rl:") {
			t.Errorf("Redis key %q", k)
		}
	}
	for _, bad := range []redis_rate.Limit{{}, {Rate: 1, Period: time.Second}, {Rate: 1, Burst: 1}} {
		if _, err := redisstore.NewLimiter(srv.Client(), redisstore.LimiterConfig{Limit: bad}); err == nil {
			t.Errorf("limit %+v accepted", bad)
		}
	}
}

// TestLimiterFailsOpen: with Redis gone, requests are allowed, OnError
// counts each failure and one log record says so.
func TestLimiterFailsOpen(t *testing.T) {
	srv := redistest.Start(t)
	var logs syncBuffer
	var errs atomic.Int64
	l, err := redisstore.NewLimiter(srv.Client(), redisstore.LimiterConfig{
		Options: redisstore.Options{Timeout: 300 * time.Millisecond, Logger: slog.New(slog.NewTextHandler(&logs, nil)), OnError: func(op string, _ error) {
			if op == "allow" {
				errs.Add(1)
			}
		}},
		Limit: redis_rate.Limit{Rate: 1, Period: time.Hour, Burst: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	l.Allow(ctx, "c")
	if l.Allow(ctx, "c").Allowed {
		t.Fatal("allowed over the limit")
	}
	srv.Kill()
	for range 5 {
		if d := l.Allow(ctx, "c"); !d.Allowed {
			t.Fatalf("denied with Redis down: %+v", d)
		}
	}
	if errs.Load() != 5 {
		t.Errorf("OnError called %d times for 5 failures", errs.Load())
	}
	if n := strings.Count(logs.String(), "redis call failed"); n != 1 {
		t.Errorf("%d failure records for one outage, want 1:\n%s", n, logs.String())
	}
	srv.Restart()
	waitFor(t, func() bool { l.Allow(ctx, "c"); return strings.Contains(logs.String(), "redis answers again") })
}

func TestLimiterFailClosed(t *testing.T) {
	srv := redistest.Start(t)
	l, err := redisstore.NewLimiter(srv.Client(), redisstore.LimiterConfig{
		Options:    redisstore.Options{Timeout: 300 * time.Millisecond, Logger: slog.New(slog.DiscardHandler)},
		Limit:      redis_rate.PerMinute(10),
		FailClosed: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !l.Allow(context.Background(), "c").Allowed {
		t.Fatal("denied with Redis up")
	}
	srv.Kill()
	if d := l.Allow(context.Background(), "c"); d.Allowed || d.Wait != time.Second || d.Limit != 10 {
		t.Errorf("decision with Redis down: %+v", d)
	}
}

// TestClientGoneIsNoRedisFailure: a request whose client went away is
// not counted as Redis failing.
func TestClientGoneIsNoRedisFailure(t *testing.T) {
	srv := redistest.Start(t)
	var errs atomic.Int64
	opt := redisstore.Options{OnError: func(string, error) { errs.Add(1) }}
	l, err := redisstore.NewLimiter(srv.Client(), redisstore.LimiterConfig{Options: opt, Limit: redis_rate.PerSecond(10)})
	if err != nil {
		t.Fatal(err)
	}
	s, err := redisstore.NewStore(srv.Client(), redisstore.StoreConfig{Options: opt})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	l.Allow(ctx, "c")
	if _, _, err := s.Claim(ctx, "k", fpA); err == nil {
		t.Error("claimed with a canceled context")
	}
	if errs.Load() != 0 {
		t.Errorf("OnError called %d times for a client that went away", errs.Load())
	}
}

// TestLimiterOneProbe: while Redis fails, one check at a time tries it;
// the others are decided at once (ErrFailing), not after the deadline.
func TestLimiterOneProbe(t *testing.T) {
	srv := redistest.Start(t)
	var skipped atomic.Int64
	l, err := redisstore.NewLimiter(srv.Client(), redisstore.LimiterConfig{
		Options: redisstore.Options{Timeout: 300 * time.Millisecond, Logger: slog.New(slog.DiscardHandler), OnError: func(_ string, err error) {
			if errors.Is(err, redisstore.ErrFailing) {
				skipped.Add(1)
			}
		}},
		Limit: redis_rate.PerSecond(1000),
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	l.Allow(ctx, "c") // dial
	srv.Sleep(3 * time.Second)
	l.Allow(ctx, "c") // fails after the deadline: Redis is failing
	// Ten checks at once: one probes (and waits for the deadline), the
	// others skip Redis.
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if !l.Allow(ctx, "c").Allowed {
				t.Error("denied while failing open")
			}
		})
	}
	wg.Wait()
	if n := skipped.Load(); n < 5 {
		t.Errorf("%d of 10 concurrent checks skipped Redis while it failed; want all but the probe", n)
	}
}
