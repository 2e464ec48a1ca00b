package redisstore_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/redistest"
	"github.com/errkit/errkit/redisstore"
	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// checkAnswer fails t unless a is the handler's 201, a replay, or a
// contract body: the 503 of a store that fails (with Retry-After) or the
// in-progress conflict.
func checkAnswer(t *testing.T, a answer) {
	t.Helper()
	if a.err != nil {
		t.Errorf("request failed: %v", a.err)
		return
	}
	if a.status == http.StatusCreated {
		return
	}
	switch c := contractCode(t, a); {
	case a.status == http.StatusServiceUnavailable && c == code(apierr.Unavailable):
		if a.header.Get("Retry-After") == "" {
			t.Errorf("503 without Retry-After: %q", a.body)
		}
	case a.status == http.StatusConflict && c == code(apierr.InProgress):
	default:
		t.Errorf("answer %d %q", a.status, a.body)
	}
}

// TestFleetRedisKilled kills redis-server (SIGKILL) while three replicas
// serve keyed and keyless requests, then starts it again, three times
// (the last two quickly: a flapping Redis): every answer is the handler's
// or a contract body, keyless requests are served throughout (the limiter
// fails open), maintenance keeps its last known state, and service
// resumes within a second. A Redis that persists every write (appendfsync
// always) keeps its claims and maintenance across the restarts, and no
// key runs twice; one without persistence forgets the claims in flight
// when it restarts, and a key retried meanwhile may run twice (see
// docs/fleet.md): that case is counted, not held against the store.
func TestFleetRedisKilled(t *testing.T) {
	t.Run("persistent", func(t *testing.T) {
		testRedisKilled(t, redistest.Start(t, "--appendonly", "yes", "--appendfsync", "always"), true)
	})
	t.Run("volatile", func(t *testing.T) { testRedisKilled(t, redistest.Start(t), false) })
}

func testRedisKilled(t *testing.T, srv *redistest.Server, persistent bool) {
	var logs syncBuffer
	f := newFleet(t, 3, func() redis.UniversalClient { return srv.Client() }, fleetConfig{
		limit:   redis_rate.PerSecond(100000),
		timeout: 200 * time.Millisecond,
		log:     &logs,
	})

	var stop atomic.Bool
	var keyless, keyed, unavailable atomic.Int64
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := 0; !stop.Load(); i++ {
				key := fmt.Sprintf("w%d-%d", w, i)
				// The same key on two replicas at once.
				var pair [2]answer
				var pw sync.WaitGroup
				for j := range pair {
					pw.Go(func() { pair[j] = send(f.replicas[(i+j)%3].URL, key, `{"amount":"1.00"}`) })
				}
				pw.Wait()
				for _, a := range pair {
					checkAnswer(t, a)
					if a.status == http.StatusServiceUnavailable {
						unavailable.Add(1)
					}
				}
				keyed.Add(1)
				if a := send(f.replicas[i%3].URL, "", `{}`, "X-Client", "c"); a.status != http.StatusCreated {
					t.Errorf("keyless request during the outage: %d %q", a.status, a.body)
				}
				keyless.Add(1)
			}
		})
	}
	// Down for half a second, then flapping: down and up twice more.
	for _, down := range []time.Duration{500 * time.Millisecond, 150 * time.Millisecond, 150 * time.Millisecond} {
		time.Sleep(200 * time.Millisecond)
		srv.Kill()
		time.Sleep(down)
		srv.Restart()
	}
	restarted := time.Now()
	recovered := waitRecovered(t, f, restarted)
	stop.Store(true)
	wg.Wait()
	t.Logf("%d keyed pairs (%d answers 503), %d keyless; keyed requests served again %v after the restart",
		keyed.Load(), unavailable.Load(), keyless.Load(), recovered)

	f.mu.Lock()
	twice := 0
	for key, n := range f.runs {
		if n > 1 && key != "" {
			twice++
			if persistent {
				t.Errorf("key %s ran %d times", key, n)
			}
		}
	}
	f.mu.Unlock()
	if !persistent {
		t.Logf("%d keys ran twice: their claims were lost with Redis's memory", twice)
	}
	if unavailable.Load() == 0 {
		t.Error("no keyed request met the outage: the test proves nothing")
	}
	var errs int64
	for _, r := range f.replicas {
		errs += r.errs.Load()
	}
	if errs == 0 {
		t.Error("OnError never called")
	}
	if out := logs.String(); !strings.Contains(out, "redis call failed") || !strings.Contains(out, "piece=ratelimit") {
		t.Errorf("no log record of the limiter failing open:\n%s", out)
	}

	// Maintenance keeps its last known state while Redis is down.
	if err := f.replicas[0].maint.OnFor(t.Context(), time.Minute); err != nil {
		t.Fatal(err)
	}
	waitAll(t, f, http.StatusServiceUnavailable)
	srv.Kill()
	for range 3 {
		time.Sleep(400 * time.Millisecond) // past a refresh
		for _, r := range f.replicas {
			if a := send(r.URL, "", `{}`); a.status != http.StatusServiceUnavailable || contractCode(t, a) != code(apierr.Maintenance) {
				t.Fatalf("maintenance forgotten while Redis is down: %d %q", a.status, a.body)
			}
		}
	}
	srv.Restart()
	restarted = time.Now()
	if persistent {
		// The restarted Redis still holds maintenance: every replica
		// reads it again and stays in it.
		time.Sleep(time.Second)
		waitAll(t, f, http.StatusServiceUnavailable)
		return
	}
	// The restarted Redis is empty: maintenance is off, seen within a second.
	waitAll(t, f, http.StatusCreated)
	if d := time.Since(restarted); d > time.Second {
		t.Errorf("maintenance state read again %v after Redis came back", d)
	}
}

// waitRecovered waits until a new keyed request succeeds on every replica
// and returns how long after since that was; it fails t after a second.
func waitRecovered(t *testing.T, f *fleet, since time.Time) time.Duration {
	t.Helper()
	for i, r := range f.replicas {
		for n := 0; ; n++ {
			a := send(r.URL, fmt.Sprintf("recovery-%d-%d", i, n), `{}`)
			checkAnswer(t, a)
			if a.status == http.StatusCreated {
				break
			}
			if time.Since(since) > time.Second {
				t.Fatalf("replica %d not serving keyed requests %v after Redis came back: %d %q", i, time.Since(since), a.status, a.body)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	return time.Since(since)
}

// waitAll waits up to a second until every replica answers a keyless
// request with status.
func waitAll(t *testing.T, f *fleet, status int) {
	t.Helper()
	start := time.Now()
	for _, r := range f.replicas {
		for send(r.URL, "", `{}`).status != status {
			if time.Since(start) > time.Second {
				t.Fatalf("replicas not answering %d after a second", status)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// TestFleetSlowRedis: a Redis slower than the deadline (DEBUG SLEEP)
// costs a keyed request the deadline and a contract 503, never a hang;
// keyless requests pass (the limiter fails open); service resumes once
// Redis answers again.
func TestFleetSlowRedis(t *testing.T) {
	srv := redistest.Start(t)
	f := newFleet(t, 2, func() redis.UniversalClient { return srv.Client() }, fleetConfig{
		limit:   redis_rate.PerSecond(100000),
		timeout: redisstore.DefaultTimeout,
	})
	// Warm up, and check the default deadline serves a healthy Redis.
	for i, r := range f.replicas {
		checkAnswer(t, send(r.URL, fmt.Sprintf("warm-%d", i), `{}`))
	}
	const nap = 2 * time.Second
	srv.Sleep(nap)
	asleep := time.Now()
	for i, r := range f.replicas {
		start := time.Now()
		a := send(r.URL, fmt.Sprintf("slow-%d", i), `{}`)
		took := time.Since(start)
		if a.status != http.StatusServiceUnavailable || contractCode(t, a) != code(apierr.Unavailable) || a.header.Get("Retry-After") != "1" {
			t.Errorf("keyed request to a sleeping Redis: %d %q %v", a.status, a.body, a.header)
		}
		// Two calls at most (the limiter's, the claim's), each cut at 50 ms:
		// far from the 2 s Redis sleeps.
		if took > time.Second {
			t.Errorf("keyed request took %v against a sleeping Redis", took)
		}
		if a := send(r.URL, "", `{}`, "X-Client", "c"); a.status != http.StatusCreated {
			t.Errorf("keyless request to a sleeping Redis: %d %q", a.status, a.body)
		}
	}
	if time.Since(asleep) > nap-100*time.Millisecond {
		t.Fatal("the requests outlasted Redis's sleep: the test proves nothing")
	}
	time.Sleep(time.Until(asleep.Add(nap)))
	waitRecovered(t, f, time.Now())
}

// TestClusterOneExecution runs the one-execution test on a three-node
// Redis Cluster, keys spread over its slots.
func TestClusterOneExecution(t *testing.T) {
	addrs := redistest.StartCluster(t, 3)
	client := func() redis.UniversalClient {
		c := redis.NewClusterClient(&redis.ClusterOptions{Addrs: addrs, ContextTimeoutEnabled: true})
		t.Cleanup(func() { _ = c.Close() })
		return c
	}
	f := newFleet(t, 3, client, fleetConfig{wait: 3 * time.Second, work: 50 * time.Millisecond, limit: redis_rate.PerSecond(100000)})
	for _, key := range []string{"cluster-a", "cluster-b", "cluster-c"} {
		checkOneExecution(t, f, key, 30)
	}
	// The records sit on more than one node.
	nodes := 0
	for _, a := range addrs {
		c := redis.NewClient(&redis.Options{Addr: a})
		if n := c.DBSize(context.Background()).Val(); n > 0 {
			nodes++
		}
		_ = c.Close()
	}
	if nodes < 2 {
		t.Errorf("records on %d node(s) of 3", nodes)
	}
	// Maintenance reaches every replica through the cluster's pub/sub.
	if err := f.replicas[0].maint.OnFor(t.Context(), time.Minute); err != nil {
		t.Fatal(err)
	}
	waitAll(t, f, http.StatusServiceUnavailable)
}

// syncBuffer is a log destination safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
