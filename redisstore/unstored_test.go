package redisstore_test

import (
	"context"
	"fmt"
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
	"github.com/redis/go-redis/v9"
)

// killAtComplete is a client hook that kills the server just before a
// completion reaches it, and starts it again (with its data: the test's
// Redis persists every write) once the completion has failed: a Redis
// that goes away between a claim and its completion and comes back.
type killAtComplete struct {
	srv   *redistest.Server
	mu    sync.Mutex
	kills int // completions still to fail
}

func (*killAtComplete) DialHook(next redis.DialHook) redis.DialHook { return next }

func (*killAtComplete) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

func (k *killAtComplete) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		// The completion script is the only one with nine arguments
		// after its key: EVALSHA sha 1 key args...
		name := cmd.Name()
		if (name != "evalsha" && name != "eval") || len(cmd.Args()) != 13 {
			return next(ctx, cmd)
		}
		k.mu.Lock()
		kill := k.kills > 0
		if kill {
			k.kills--
		}
		k.mu.Unlock()
		if !kill {
			return next(ctx, cmd)
		}
		k.srv.Kill()
		err := next(ctx, cmd)
		k.srv.Restart()
		return err
	}
}

// TestUnstoredKeyNotReleased: Redis goes away between a request's claim
// and its completion. The client got its 201; the key must not run
// again. When Redis is back for the second try, the response is stored
// and replayed on another replica; when it is not, the claim stays in
// Redis until its lease ends and another replica answers 409 meanwhile.
// Either way the handler runs once within the lease.
func TestUnstoredKeyNotReleased(t *testing.T) {
	for _, tc := range []struct {
		name  string
		kills int
	}{{"retry stores", 1}, {"lease holds", 2}} {
		t.Run(tc.name, func(t *testing.T) {
			srv := redistest.Start(t, "--appendonly", "yes", "--appendfsync", "always")
			hook := &killAtComplete{srv: srv}
			const lease = 6 * time.Second
			var runs atomic.Int64
			var unstored atomic.Int64
			var logs syncBuffer
			newReplica := func(rdb *redis.Client) *httptest.Server {
				store, err := redisstore.NewStore(rdb, redisstore.StoreConfig{
					Options: redisstore.Options{Timeout: time.Second, Logger: slog.New(slog.DiscardHandler)},
					Lease:   lease,
				})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { _ = store.Close() })
				idem, err := idempotency.New(idempotency.Config{
					Store:      store,
					Logger:     slog.New(slog.NewTextHandler(&logs, nil)),
					OnUnstored: func(*http.Request, error) { unstored.Add(1) },
				})
				if err != nil {
					t.Fatal(err)
				}
				h := idem.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					n := runs.Add(1)
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusCreated)
					fmt.Fprintf(w, `{"id":"pay_%d"}`, n)
				}))
				s := httptest.NewServer(middleware.New(middleware.WithLogger(slog.New(slog.DiscardHandler))).Wrap(h))
				t.Cleanup(s.Close)
				return s
			}
			hooked := srv.Client()
			hooked.AddHook(hook)
			a, b := newReplica(hooked), newReplica(srv.Client())
			// Warm both replicas' scripts and connections.
			send(a.URL, "warm-a", `{}`)
			send(b.URL, "warm-b", `{}`)
			runs.Store(0)

			hook.mu.Lock()
			hook.kills = tc.kills
			hook.mu.Unlock()
			start := time.Now()
			first := send(a.URL, "pay-1", `{"amount":"1.00"}`)
			if first.err != nil || first.status != http.StatusCreated {
				t.Fatalf("first: %d %q %v", first.status, first.body, first.err)
			}
			for _, r := range []*httptest.Server{b, a} {
				got := send(r.URL, "pay-1", `{"amount":"1.00"}`)
				if got.err != nil {
					t.Fatal(got.err)
				}
				switch tc.kills {
				case 1:
					if got.status != http.StatusCreated || string(got.body) != string(first.body) || got.header.Get(idempotency.ReplayHeader) != "true" {
						t.Errorf("repeat: %d %q; want the replay of %q", got.status, got.body, first.body)
					}
				default:
					if got.status != http.StatusConflict || contractCode(t, got) != code(apierr.InProgress) {
						t.Errorf("repeat within the lease: %d %q; want the in-progress 409", got.status, got.body)
					}
				}
			}
			if time.Since(start) > lease {
				t.Fatal("the repeats outlasted the lease: the test proves nothing")
			}
			if n := runs.Load(); n != 1 {
				t.Fatalf("handler ran %d times within the lease; want 1", n)
			}
			if tc.kills == 1 {
				if unstored.Load() != 0 {
					t.Errorf("OnUnstored called %d times for a response stored on the retry", unstored.Load())
				}
				return
			}
			if unstored.Load() != 1 || !strings.Contains(logs.String(), "response not stored") {
				t.Errorf("OnUnstored called %d times; log:\n%s", unstored.Load(), logs.String())
			}
			// The lease ends: the key is free again, on the replica that
			// held it too.
			time.Sleep(time.Until(start.Add(lease + 100*time.Millisecond)))
			if got := send(a.URL, "pay-1", `{"amount":"1.00"}`); got.status != http.StatusCreated || got.header.Get(idempotency.ReplayHeader) != "" || runs.Load() != 2 {
				t.Errorf("after the lease: %d %q, %d runs", got.status, got.body, runs.Load())
			}
		})
	}
}
