package redisstore_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/internal/redistest"
	"github.com/errkit/errkit/middleware/idempotency"
	"github.com/errkit/errkit/redisstore"
	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// commandCalls reads INFO commandstats: the calls of each command.
func commandCalls(b testing.TB, rdb *redis.Client) map[string]int64 {
	b.Helper()
	info, err := rdb.Info(context.Background(), "commandstats").Result()
	if err != nil {
		b.Fatal(err)
	}
	calls := map[string]int64{}
	for _, line := range strings.Split(info, "\n") {
		name, rest, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || !strings.HasPrefix(name, "cmdstat_") {
			continue
		}
		c, _, _ := strings.Cut(strings.TrimPrefix(rest, "calls="), ",")
		n, _ := strconv.ParseInt(c, 10, 64)
		calls[strings.TrimPrefix(name, "cmdstat_")] = n
	}
	return calls
}

// The commands a piece sends itself: Redis counts the commands its
// scripts run too, which cost no round trip. nil counts every command.
var (
	pingCommand    = map[string]bool{"ping": true}
	scriptCommands = map[string]bool{"eval": true, "evalsha": true, "eval_ro": true, "evalsha_ro": true}
)

// benchPiece runs op b.N times, in blocks of block ops each followed by
// as many raw PINGs on the same client, and reports the round trips per
// op that Redis counted (INFO commandstats: the calls of the commands
// sent, or of all commands if sent is nil; the PINGs left out), the time
// of one op (piece-ns) and that time as a multiple of a PING's (x-PING).
// Timing the two in turn keeps the ratio fair on a machine whose load
// changes during the run; ns/op counts both. A block of one suits a piece
// that makes a round trip; one that makes none needs a large block for
// the clock to see it.
func benchPiece(b *testing.B, rdb *redis.Client, sent map[string]bool, block int, op func(i int)) {
	b.Helper()
	ctx := context.Background()
	op(-1) // load the scripts, dial
	before := commandCalls(b, rdb)
	var opTime, pingTime time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i += block {
		n := min(block, b.N-i)
		t0 := time.Now()
		for j := range n {
			op(i + j)
		}
		t1 := time.Now()
		for range n {
			if err := rdb.Ping(ctx).Err(); err != nil {
				b.Fatal(err)
			}
		}
		opTime += t1.Sub(t0)
		pingTime += time.Since(t1)
	}
	b.StopTimer()
	after := commandCalls(b, rdb)
	var trips int64
	for name, n := range after {
		switch {
		case name == "info":
		case name == "ping":
			trips += n - before[name] - int64(b.N)
		case sent == nil || sent[name]:
			trips += n - before[name]
		}
	}
	b.ReportMetric(float64(trips)/float64(b.N), "round-trips/op")
	b.ReportMetric(float64(opTime.Nanoseconds())/float64(b.N), "piece-ns")
	b.ReportMetric(float64(opTime)/float64(pingTime), "x-PING")
}

// BenchmarkPieces measures each piece against a redis-server of its own,
// in one run: a raw go-redis PING first, then the rate limit, the
// maintenance check, an idempotency key's first execution (claim and
// complete) and its replay. Run it alone: go test -run '^$' -bench Pieces
// ./redisstore.
func BenchmarkPieces(b *testing.B) {
	srv := redistest.Start(b)
	rdb := srv.Client()
	ctx := context.Background()
	// The pieces' deadline is generous: what is measured is their cost,
	// not whether a loaded machine meets 50 ms.
	opt := redisstore.Options{Timeout: time.Second}

	b.Run("PING", func(b *testing.B) {
		benchPiece(b, rdb, pingCommand, 1, func(int) {
			if err := rdb.Ping(ctx).Err(); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("RateLimit", func(b *testing.B) {
		l, err := redisstore.NewLimiter(rdb, redisstore.LimiterConfig{Options: opt, Limit: redis_rate.PerSecond(1 << 30)})
		if err != nil {
			b.Fatal(err)
		}
		benchPiece(b, rdb, scriptCommands, 1, func(int) {
			if !l.Allow(ctx, "pk_test_bench").Allowed {
				b.Fatal("denied")
			}
		})
	})
	b.Run("MaintenanceCheck", func(b *testing.B) {
		m, err := redisstore.NewMaintenance(rdb, redisstore.MaintenanceConfig{Options: opt})
		if err != nil {
			b.Fatal(err)
		}
		defer m.Close()
		benchPiece(b, rdb, nil, 1000, func(int) {
			if _, on := m.MaintenanceUntil(ctx); on {
				b.Fatal("on")
			}
		})
	})
	rec := func() *idempotency.Record {
		return &idempotency.Record{
			Fingerprint: idempotency.Fingerprint{1}, Status: http.StatusCreated,
			Header:  http.Header{"Content-Type": {"application/json"}, "Location": {"/v2/payments/pay_0123456789abcdef"}},
			Body:    []byte(`{"id":"pay_0123456789abcdef","payeeId":"pye_0123456789abcdef","amount":"100.00","currency":"EUR","reference":"INV-2026-0001","status":"pending","createdAt":"2026-01-15T10:30:00.000Z"}`),
			Expires: time.Now().Add(time.Hour),
		}
	}
	b.Run("IdempotencyFirst", func(b *testing.B) {
		s, err := redisstore.NewStore(rdb, redisstore.StoreConfig{Options: opt})
		if err != nil {
			b.Fatal(err)
		}
		run := strconv.FormatInt(time.Now().UnixNano(), 36)
		benchPiece(b, rdb, scriptCommands, 1, func(i int) {
			key := run + ":" + strconv.Itoa(i)
			if _, claimed, err := s.Claim(ctx, key, idempotency.Fingerprint{1}); err != nil || !claimed {
				b.Fatal("not claimed", err)
			}
			if err := s.Complete(ctx, key, rec()); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("IdempotencyReplay", func(b *testing.B) {
		s, err := redisstore.NewStore(rdb, redisstore.StoreConfig{Options: opt})
		if err != nil {
			b.Fatal(err)
		}
		key := "replayed:" + strconv.FormatInt(time.Now().UnixNano(), 36)
		if _, _, err := s.Claim(ctx, key, idempotency.Fingerprint{1}); err != nil {
			b.Fatal(err)
		}
		if err := s.Complete(ctx, key, rec()); err != nil {
			b.Fatal(err)
		}
		benchPiece(b, rdb, scriptCommands, 1, func(int) {
			r, claimed, err := s.Claim(ctx, key, idempotency.Fingerprint{1})
			if err != nil || claimed || !r.Done {
				b.Fatal("not a replay", err)
			}
		})
	})
	b.Run("WaiterWake", func(b *testing.B) {
		// Two replicas: a request waits on b for the key a completes. The
		// time is the claim, the completion and the wake by pub/sub; the
		// poll (an hour here) never fires.
		first, err := redisstore.NewStore(rdb, redisstore.StoreConfig{Options: opt})
		if err != nil {
			b.Fatal(err)
		}
		waiter, err := redisstore.NewStore(srv.Client(), redisstore.StoreConfig{Options: opt, WaitPoll: time.Hour})
		if err != nil {
			b.Fatal(err)
		}
		defer waiter.Close()
		run := strconv.FormatInt(time.Now().UnixNano(), 36)
		benchPiece(b, rdb, scriptCommands, 1, func(i int) {
			key := "wake:" + run + ":" + strconv.Itoa(i)
			if _, claimed, err := first.Claim(ctx, key, idempotency.Fingerprint{1}); err != nil || !claimed {
				b.Fatal("not claimed", err)
			}
			done := waiter.Done(key)
			if i < 0 {
				// The subscription is made by the first wait: let it settle.
				for rdb.PubSubNumSub(ctx, "errkit:idem:settled").Val()["errkit:idem:settled"] == 0 {
					time.Sleep(time.Millisecond)
				}
			}
			if err := first.Complete(ctx, key, rec()); err != nil {
				b.Fatal(err)
			}
			<-done
		})
	})
}
