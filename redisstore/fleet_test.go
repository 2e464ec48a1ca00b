package redisstore_test

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/redistest"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/idempotency"
	"github.com/errkit/errkit/redisstore"
	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// fleetConfig shapes the replicas of a test fleet.
type fleetConfig struct {
	limit   redis_rate.Limit // zero: no rate limit
	wait    time.Duration    // idempotency.Config.Wait
	work    time.Duration    // how long the handler runs
	refresh time.Duration    // MaintenanceConfig.Refresh
	timeout time.Duration    // Options.Timeout; 0 means testTimeout
	log     io.Writer        // where the replicas log; nil: nowhere
}

// testTimeout is the Redis deadline of the tests that are not about it:
// generous, for a loaded machine under -race.
const testTimeout = 5 * time.Second

// replica is one server of a test fleet.
type replica struct {
	*httptest.Server
	maint   *redisstore.Maintenance
	store   *redisstore.Store
	limiter *redisstore.Limiter
	errs    atomic.Int64 // OnError calls
}

// fleet is n replicas sharing one Redis (one client each, as separate
// processes would have), and the executions of their handler, per key.
type fleet struct {
	replicas []*replica
	mu       sync.Mutex
	runs     map[string]int
}

func (f *fleet) runsOf(key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.runs[key]
}

func newFleet(t *testing.T, n int, client func() redis.UniversalClient, cfg fleetConfig) *fleet {
	t.Helper()
	f := &fleet{runs: map[string]int{}}
	w := cfg.log
	if w == nil {
		w = io.Discard
	}
	log := slog.New(slog.NewTextHandler(w, nil))
	for range n {
		r := &replica{}
		timeout := cfg.timeout
		if timeout == 0 {
			timeout = testTimeout
		}
		opt := redisstore.Options{Logger: log, Timeout: timeout, OnError: func(string, error) { r.errs.Add(1) }}
		rdb := client()
		var err error
		if r.maint, err = redisstore.NewMaintenance(rdb, redisstore.MaintenanceConfig{Options: opt, Refresh: cfg.refresh}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = r.maint.Close() })
		if r.store, err = redisstore.NewStore(rdb, redisstore.StoreConfig{Options: opt, Lease: 10 * time.Second}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = r.store.Close() })
		opts := []middleware.Option{middleware.WithMaintenance(r.maint), middleware.WithLogger(log)}
		if !cfg.limit.IsZero() {
			if r.limiter, err = redisstore.NewLimiter(rdb, redisstore.LimiterConfig{Options: opt, Limit: cfg.limit}); err != nil {
				t.Fatal(err)
			}
			opts = append(opts, middleware.WithRateLimit(r.limiter), middleware.WithRateKey(func(r *http.Request) string { return r.Header.Get("X-Client") }))
		}
		idem, err := idempotency.New(idempotency.Config{Store: r.store, Wait: cfg.wait, Logger: log})
		if err != nil {
			t.Fatal(err)
		}
		work := cfg.work
		create := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			key := req.Header.Get("Idempotency-Key")
			f.mu.Lock()
			f.runs[key]++
			f.mu.Unlock()
			switch req.Header.Get("X-Fail") {
			case "panic":
				panic("handler failed")
			case "502":
				w.WriteHeader(http.StatusBadGateway)
				return
			}
			time.Sleep(work)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusCreated)
			fmt.Fprintf(w, `{"id":"pay_%s","key":%q}`, rand.Text(), key)
		})
		r.Server = httptest.NewServer(middleware.New(opts...).Wrap(idem.Handler(create)))
		t.Cleanup(r.Close)
		f.replicas = append(f.replicas, r)
	}
	return f
}

// answer is a response read whole.
type answer struct {
	status int
	header http.Header
	body   []byte
	err    error
}

func send(url, key, body string, header ...string) answer {
	req, _ := http.NewRequest(http.MethodPost, url+"/v2/payments", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return answer{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, header: resp.Header, body: b, err: err}
}

// contractCode parses a in the Nexpay v2 contract and returns its code,
// failing t if it is not a contract body.
func contractCode(t *testing.T, a answer) apierr.Code {
	t.Helper()
	e, err := apierr.Parse(a.status, a.body)
	if err != nil {
		t.Fatalf("not a contract body: %d %q: %v", a.status, a.body, err)
	}
	return e.Code()
}

func code(c apierr.Condition) apierr.Code { return apierr.Nexpay.Code(c) }

// TestFleetOneExecution: 100 concurrent requests with one key, spread over
// three replicas, run the handler once; every other answer is a
// byte-identical replay or the in-progress conflict. The same key with
// another body is refused on every replica.
func TestFleetOneExecution(t *testing.T) {
	srv := redistest.Start(t)
	f := newFleet(t, 3, func() redis.UniversalClient { return srv.Client() }, fleetConfig{wait: 3 * time.Second, work: 100 * time.Millisecond})
	checkOneExecution(t, f, "key-1", 100)
	for _, r := range f.replicas {
		a := send(r.URL, "key-1", `{"amount":"99.00"}`)
		if a.status != http.StatusUnprocessableEntity || contractCode(t, a) != code(apierr.IdempotencyMismatch) {
			t.Errorf("another body on a replica: %d %s", a.status, a.body)
		}
	}
}

// checkOneExecution sends n concurrent requests with key over f's replicas
// and checks the handler ran once and the answers agree.
func checkOneExecution(t *testing.T, f *fleet, key string, n int) {
	t.Helper()
	answers := make([]answer, n)
	var wg sync.WaitGroup
	for i := range answers {
		wg.Go(func() { answers[i] = send(f.replicas[i%len(f.replicas)].URL, key, `{"amount":"10.00"}`) })
	}
	wg.Wait()
	if runs := f.runsOf(key); runs != 1 {
		t.Fatalf("the handler ran %d times for one key", runs)
	}
	var first []byte
	replays, conflicts := 0, 0
	for _, a := range answers {
		if a.err != nil {
			t.Fatal(a.err)
		}
		if a.status == http.StatusCreated && a.header.Get(idempotency.ReplayHeader) == "" {
			if first != nil {
				t.Fatal("two original answers")
			}
			first = a.body
		}
	}
	if first == nil {
		t.Fatal("no original answer")
	}
	for _, a := range answers {
		switch {
		case a.header.Get(idempotency.ReplayHeader) == "true":
			replays++
			if a.status != http.StatusCreated || !bytes.Equal(a.body, first) {
				t.Errorf("replay %d %q, want 201 %q", a.status, a.body, first)
			}
		case a.status == http.StatusConflict:
			conflicts++
			if contractCode(t, a) != code(apierr.InProgress) || a.header.Get("Retry-After") == "" {
				t.Errorf("conflict %q, Retry-After %q", a.body, a.header.Get("Retry-After"))
			}
		case a.status != http.StatusCreated:
			t.Errorf("unexpected answer %d %q", a.status, a.body)
		}
	}
	if replays+conflicts != n-1 {
		t.Errorf("%d replays and %d conflicts of %d", replays, conflicts, n)
	}
	t.Logf("%d requests: 1 execution, %d replays, %d conflicts", n, replays, conflicts)
}

// TestFleetMaintenance: maintenance switched on one replica is seen by the
// others within a second, by pub/sub alone, with the same Retry-After;
// switched off likewise; and a replica started later starts in it.
func TestFleetMaintenance(t *testing.T) {
	srv := redistest.Start(t)
	f := newFleet(t, 3, func() redis.UniversalClient { return srv.Client() }, fleetConfig{refresh: -1})
	waitSubscribed(t, srv.Client(), "errkit:maintenance:changed", 3)

	until := time.Now().Add(90*time.Second + 500*time.Millisecond)
	if err := f.replicas[0].maint.On(t.Context(), until); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for _, r := range f.replicas[1:] {
		for {
			a := send(r.URL, "", `{}`)
			if a.status == http.StatusServiceUnavailable {
				if contractCode(t, a) != code(apierr.Maintenance) {
					t.Errorf("maintenance answer %q", a.body)
				}
				if ra := a.header.Get("Retry-After"); ra != "91" && ra != "90" {
					t.Errorf("Retry-After %q, want 91 (the shared end)", ra)
				}
				break
			}
			if time.Since(start) > time.Second {
				t.Fatalf("a replica still serves %v after maintenance was switched on", time.Since(start))
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	t.Logf("maintenance seen by every replica after %v", time.Since(start))

	// A replica that starts now starts in maintenance: the state is in Redis.
	late := newFleet(t, 1, func() redis.UniversalClient { return srv.Client() }, fleetConfig{refresh: -1})
	if a := send(late.replicas[0].URL, "", `{}`); a.status != http.StatusServiceUnavailable {
		t.Errorf("a replica started during maintenance answers %d", a.status)
	}

	if err := f.replicas[2].maint.Off(t.Context()); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	for _, r := range append(f.replicas[:2], late.replicas...) {
		for send(r.URL, "", `{}`).status != http.StatusCreated {
			if time.Since(start) > time.Second {
				t.Fatal("a replica still in maintenance a second after it was switched off")
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
}

// waitSubscribed waits until channel has n subscribers.
func waitSubscribed(t *testing.T, rdb redis.UniversalClient, channel string, n int64) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for rdb.PubSubNumSub(t.Context(), channel).Val()[channel] < n {
		if time.Now().After(deadline) {
			t.Fatalf("fewer than %d subscribers to %s", n, channel)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestFleetRateLimit: the fleet admits a client's burst and no more,
// whichever replicas its requests reach, and the 429 says so in its
// headers.
func TestFleetRateLimit(t *testing.T) {
	srv := redistest.Start(t)
	limit := redis_rate.Limit{Rate: 20, Period: time.Minute, Burst: 20}
	f := newFleet(t, 3, func() redis.UniversalClient { return srv.Client() }, fleetConfig{limit: limit})
	allowed := 0
	var denied answer
	for i := range 60 {
		a := send(f.replicas[i%3].URL, "", `{}`, "X-Client", "client-1")
		switch a.status {
		case http.StatusCreated:
			allowed++
		case http.StatusTooManyRequests:
			denied = a
		default:
			t.Fatalf("answer %d %q", a.status, a.body)
		}
	}
	// 60 requests take well under 3 s: at most one more token than the burst.
	if allowed < 20 || allowed > 21 {
		t.Errorf("the fleet allowed %d of 60 requests, want the burst of 20 (at most 21)", allowed)
	}
	if contractCode(t, denied) != code(apierr.RateLimited) {
		t.Errorf("429 body %q", denied.body)
	}
	if h := denied.header; h.Get("RateLimit-Limit") != "20" || h.Get("RateLimit-Remaining") != "0" ||
		h.Get("Retry-After") == "" || h.Get("Retry-After") != h.Get("RateLimit-Reset") {
		t.Errorf("429 headers %v", h)
	}
	// Another client has its own allowance.
	if a := send(f.replicas[0].URL, "", `{}`, "X-Client", "client-2"); a.status != http.StatusCreated {
		t.Errorf("another client: %d", a.status)
	}
}

// TestFleetReleaseOnFailure: a key whose first request panics or answers
// 5xx is released, and a retry on another replica runs the handler.
func TestFleetReleaseOnFailure(t *testing.T) {
	srv := redistest.Start(t)
	f := newFleet(t, 2, func() redis.UniversalClient { return srv.Client() }, fleetConfig{})
	for _, fail := range []string{"panic", "502"} {
		key := "fail-" + fail
		a := send(f.replicas[0].URL, key, `{"amount":"1.00"}`, "X-Fail", fail)
		if a.status < 500 {
			t.Fatalf("%s: %d %q", fail, a.status, a.body)
		}
		b := send(f.replicas[1].URL, key, `{"amount":"1.00"}`)
		if b.status != http.StatusCreated || b.header.Get(idempotency.ReplayHeader) != "" || f.runsOf(key) != 2 {
			t.Errorf("%s: retry answered %d %q after %d runs", fail, b.status, b.body, f.runsOf(key))
		}
	}
}
