package redisstore_test

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/redistest"
	"github.com/errkit/errkit/middleware/idempotency"
	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// countSent is a client hook that counts the commands the client sends,
// each one round trip.
type countSent struct{ n atomic.Int64 }

func (*countSent) DialHook(next redis.DialHook) redis.DialHook { return next }

func (c *countSent) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		c.n.Add(1)
		return next(ctx, cmd)
	}
}

func (c *countSent) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		c.n.Add(1)
		return next(ctx, cmds)
	}
}

// TestRoundTrips counts, with Redis's INFO commandstats around one
// request to a replica with all three pieces, the round trips a request
// costs: one for the rate limit, none for maintenance, one for a claim,
// one for a completion. What Redis counts agrees with what the client
// sent, so no command escapes the count.
func TestRoundTrips(t *testing.T) {
	srv := redistest.Start(t)
	sent := &countSent{}
	f := newFleet(t, 1, func() redis.UniversalClient {
		c := srv.Client()
		c.AddHook(sent)
		return c
	}, fleetConfig{limit: redis_rate.PerSecond(100000), refresh: -1})
	url := f.replicas[0].URL
	stats := srv.Client()
	// Load the scripts and dial: EVALSHA fails once with NOSCRIPT.
	send(url, "warm", `{}`, "X-Client", "c")
	send(url, "warm", `{}`, "X-Client", "c")

	for _, tc := range []struct {
		name, key string
		want      int64
	}{
		{"keyless: rate limit", "", 1},
		{"first with a key: rate limit, claim, completion", "k-1", 3},
		{"replay: rate limit, claim", "k-1", 2},
		{"another first: rate limit, claim, completion", "k-2", 3},
	} {
		before, sentBefore := commandCalls(t, stats), sent.n.Load()
		a := send(url, tc.key, `{}`, "X-Client", "c")
		after, sentAfter := commandCalls(t, stats), sent.n.Load()
		if a.status != http.StatusCreated {
			t.Fatalf("%s: %d %q", tc.name, a.status, a.body)
		}
		var scripts int64
		for name := range scriptCommands {
			scripts += after[name] - before[name]
		}
		if scripts != tc.want || sentAfter-sentBefore != tc.want {
			t.Errorf("%s: Redis ran %d scripts, the client sent %d commands; want %d round trips", tc.name, scripts, sentAfter-sentBefore, tc.want)
		}
	}
}

// TestFleetResumesWithinASecond kills redis-server under two replicas
// and starts it again: while it is down, keyed requests get the 503 and
// the limiter lets everything through; within a second of its return,
// every replica claims keys again and its limiter counts again (the
// second request of a client allowed one an hour is refused).
func TestFleetResumesWithinASecond(t *testing.T) {
	srv := redistest.Start(t)
	f := newFleet(t, 2, func() redis.UniversalClient { return srv.Client() }, fleetConfig{
		limit:   redis_rate.Limit{Rate: 1, Period: time.Hour, Burst: 1},
		timeout: 200 * time.Millisecond,
	})
	for i, r := range f.replicas {
		checkAnswer(t, send(r.URL, fmt.Sprintf("warm-%d", i), `{}`, "X-Client", fmt.Sprintf("warm-%d", i)))
	}
	srv.Kill()
	for i, r := range f.replicas {
		a := send(r.URL, fmt.Sprintf("down-%d", i), `{}`, "X-Client", "down")
		if a.status != http.StatusServiceUnavailable || contractCode(t, a) != code(apierr.Unavailable) {
			t.Errorf("keyed request with Redis down: %d %q", a.status, a.body)
		}
		for range 3 {
			if a := send(r.URL, "", `{}`, "X-Client", "down"); a.status != http.StatusCreated {
				t.Errorf("keyless request with Redis down: %d %q", a.status, a.body)
			}
		}
	}
	srv.Restart()
	back := time.Now()
	for i, r := range f.replicas {
		for n := 0; ; n++ {
			client := fmt.Sprintf("back-%d-%d", i, n)
			keyed := send(r.URL, client, `{}`, "X-Client", client)
			second := send(r.URL, "", `{}`, "X-Client", client)
			checkAnswer(t, keyed)
			if keyed.status == http.StatusCreated && second.status == http.StatusTooManyRequests {
				if contractCode(t, second) != code(apierr.RateLimited) {
					t.Errorf("refusal %q", second.body)
				}
				break
			}
			if time.Since(back) > time.Second {
				t.Fatalf("replica %d not served by Redis %v after it came back: keyed %d, over the limit %d", i, time.Since(back), keyed.status, second.status)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	t.Logf("both replicas served by Redis again %v after it came back", time.Since(back))
}

// TestFleetNoWaitConflict: without Wait, a key in flight on one replica
// is answered on another with the contract's in-progress 409 and
// Retry-After: 1, at once; once the first completes, the other replays it.
func TestFleetNoWaitConflict(t *testing.T) {
	srv := redistest.Start(t)
	f := newFleet(t, 2, func() redis.UniversalClient { return srv.Client() }, fleetConfig{work: time.Second})
	done := make(chan answer)
	go func() { done <- send(f.replicas[0].URL, "slow-1", `{"amount":"1.00"}`) }()
	waitFor(t, func() bool { return len(srv.Client().Keys(context.Background(), "errkit:idem:{*:slow-1}").Val()) == 1 })
	start := time.Now()
	a := send(f.replicas[1].URL, "slow-1", `{"amount":"1.00"}`)
	if a.status != http.StatusConflict || contractCode(t, a) != code(apierr.InProgress) || a.header.Get("Retry-After") != "1" {
		t.Errorf("second replica while the first runs: %d %q, Retry-After %q", a.status, a.body, a.header.Get("Retry-After"))
	}
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Errorf("the conflict took %v: it waited", took)
	}
	first := <-done
	if first.status != http.StatusCreated {
		t.Fatalf("first: %d %q", first.status, first.body)
	}
	b := send(f.replicas[1].URL, "slow-1", `{"amount":"1.00"}`)
	if b.status != http.StatusCreated || string(b.body) != string(first.body) || b.header.Get(idempotency.ReplayHeader) != "true" {
		t.Errorf("after completion: %d %q, want the replay of %q", b.status, b.body, first.body)
	}
	if n := f.runsOf("slow-1"); n != 1 {
		t.Errorf("the handler ran %d times", n)
	}
}
