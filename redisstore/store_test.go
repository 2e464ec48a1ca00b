package redisstore_test

import (
	"context"
	"net/http"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/errkit/errkit/internal/redistest"
	"github.com/errkit/errkit/middleware/idempotency"
	"github.com/errkit/errkit/redisstore"
	"github.com/redis/go-redis/v9"
)

func newStore(t *testing.T, rdb redis.UniversalClient, cfg redisstore.StoreConfig) *redisstore.Store {
	t.Helper()
	if cfg.Timeout == 0 {
		cfg.Timeout = testTimeout
	}
	s, err := redisstore.NewStore(rdb, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

var (
	fpA = idempotency.Fingerprint{1, 2, 3}
	fpB = idempotency.Fingerprint{9, 9, 9}
)

func TestStoreClaimCompleteReplay(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	// Two stores on two clients: two replicas.
	a := newStore(t, srv.Client(), redisstore.StoreConfig{})
	b := newStore(t, srv.Client(), redisstore.StoreConfig{})

	if _, claimed, err := a.Claim(ctx, "k1", fpA); err != nil || !claimed {
		t.Fatalf("first claim: claimed %v, err %v", claimed, err)
	}
	rec, claimed, err := b.Claim(ctx, "k1", fpB)
	if err != nil || claimed || rec.Done || rec.Fingerprint != fpA {
		t.Fatalf("claim of a key in flight elsewhere: %+v %v %v", rec, claimed, err)
	}
	// This process holds it: in flight without asking Redis.
	if rec, claimed, err := a.Claim(ctx, "k1", fpA); err != nil || claimed || rec.Done {
		t.Fatalf("claim of a key held here: %+v %v %v", rec, claimed, err)
	}
	want := &idempotency.Record{
		Fingerprint: fpA, Done: true, Status: 201,
		Header:  http.Header{"Content-Type": {"application/json"}, "Location": {"/v2/payments/p1"}},
		Body:    []byte(`{"id":"p1"}`),
		Expires: time.Now().Add(time.Hour).Truncate(time.Millisecond),
	}
	if err := a.Complete(ctx, "k1", want); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*redisstore.Store{a, b} {
		rec, claimed, err := s.Claim(ctx, "k1", fpB)
		if err != nil || claimed || !rec.Done {
			t.Fatalf("claim of a completed key: %+v %v %v", rec, claimed, err)
		}
		if rec.Status != 201 || string(rec.Body) != `{"id":"p1"}` || rec.Fingerprint != fpA ||
			rec.Header.Get("Location") != "/v2/payments/p1" || !rec.Expires.Equal(want.Expires) {
			t.Errorf("replayed record %+v, want %+v", rec, want)
		}
	}
	// The record expires with its TTL in Redis.
	ttl := srv.Client().PTTL(ctx, "errkit:idem:{k1}").Val()
	if ttl < 59*time.Minute || ttl > time.Hour {
		t.Errorf("record TTL %v, want about an hour", ttl)
	}
}

func TestStoreRelease(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	a := newStore(t, srv.Client(), redisstore.StoreConfig{})
	b := newStore(t, srv.Client(), redisstore.StoreConfig{})
	if _, claimed, _ := a.Claim(ctx, "k", fpA); !claimed {
		t.Fatal("not claimed")
	}
	// Another replica's release does not free a claim it does not hold.
	if err := b.Release(ctx, "k"); err != nil {
		t.Fatal(err)
	}
	if _, claimed, _ := b.Claim(ctx, "k", fpA); claimed {
		t.Fatal("claimed a key held elsewhere after a foreign release")
	}
	if err := a.Release(ctx, "k"); err != nil {
		t.Fatal(err)
	}
	if _, claimed, err := b.Claim(ctx, "k", fpB); !claimed || err != nil {
		t.Fatalf("released key not claimable: %v %v", claimed, err)
	}
}

// TestStoreLeaseAndToken: a holder that outlives its lease cannot
// overwrite the record of the claim that followed.
func TestStoreLeaseAndToken(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	late := newStore(t, srv.Client(), redisstore.StoreConfig{Lease: 100 * time.Millisecond})
	next := newStore(t, srv.Client(), redisstore.StoreConfig{})
	if _, claimed, _ := late.Claim(ctx, "k", fpA); !claimed {
		t.Fatal("not claimed")
	}
	time.Sleep(150 * time.Millisecond) // the lease ends: the replica "died"
	if _, claimed, err := next.Claim(ctx, "k", fpA); !claimed || err != nil {
		t.Fatalf("key not free after its lease: %v %v", claimed, err)
	}
	stale := &idempotency.Record{Fingerprint: fpA, Status: 201, Body: []byte("stale"), Expires: time.Now().Add(time.Hour)}
	if err := late.Complete(ctx, "k", stale); err == nil {
		t.Fatal("a holder past its lease completed over a newer claim")
	}
	if err := late.Release(ctx, "k"); err != nil {
		t.Fatal(err)
	}
	fresh := &idempotency.Record{Fingerprint: fpA, Status: 201, Body: []byte("fresh"), Expires: time.Now().Add(time.Hour)}
	if err := next.Complete(ctx, "k", fresh); err != nil {
		t.Fatal(err)
	}
	rec, _, _ := late.Claim(ctx, "k", fpA)
	if rec == nil || string(rec.Body) != "fresh" {
		t.Fatalf("record %+v, want the newer claim's", rec)
	}
}

// TestStoreWaiterWoken: a request waiting on one replica wakes when
// another completes the key, by pub/sub, well before the poll.
func TestStoreWaiterWoken(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	a := newStore(t, srv.Client(), redisstore.StoreConfig{})
	b := newStore(t, srv.Client(), redisstore.StoreConfig{WaitPoll: time.Hour})
	if _, claimed, _ := a.Claim(ctx, "k", fpA); !claimed {
		t.Fatal("not claimed")
	}
	done := b.Done("k")
	if b.Done("k") != done {
		t.Error("two waiters of one key got two channels")
	}
	// Let the subscription settle, then complete on the other replica.
	deadline := time.Now().Add(5 * time.Second)
	for srv.Client().PubSubNumSub(ctx, "errkit:idem:settled").Val()["errkit:idem:settled"] == 0 {
		if time.Now().After(deadline) {
			t.Fatal("never subscribed")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := a.Complete(ctx, "k", &idempotency.Record{Fingerprint: fpA, Status: 200, Expires: time.Now().Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("waiter not woken by the completion")
	}
}

// TestStoreWaitPoll: without a message (a holder that died), a waiter
// looks again after WaitPoll.
func TestStoreWaitPoll(t *testing.T) {
	srv := redistest.Start(t)
	s := newStore(t, srv.Client(), redisstore.StoreConfig{WaitPoll: 20 * time.Millisecond})
	select {
	case <-s.Done("nobody-completes-this"):
	case <-time.After(5 * time.Second):
		t.Fatal("waiter never woken")
	}
}

func TestStorePrefixAndHashTag(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := newStore(t, srv.Client(), redisstore.StoreConfig{Options: redisstore.Options{Prefix: "svc-a:"}})
	for _, key := range []string{"scope:abc", "odd{key}"} {
		if _, claimed, err := s.Claim(ctx, key, fpA); !claimed || err != nil {
			t.Fatalf("%s: %v %v", key, claimed, err)
		}
	}
	keys := srv.Client().Keys(ctx, "*").Val()
	want := map[string]bool{"svc-a:idem:{scope:abc}": true}
	for _, k := range keys {
		if want[k] {
			delete(want, k)
			continue
		}
		// A key with braces is tagged by its hash.
		if len(k) != len("svc-a:idem:{}")+32 || k[:len("svc-a:idem:{")] != "svc-a:idem:{" {
			t.Errorf("unexpected key %q", k)
		}
	}
	if len(want) > 0 || len(keys) != 2 {
		t.Errorf("keys %q", keys)
	}
}

func TestClientMustHonourDeadlines(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	defer rdb.Close()
	if _, err := redisstore.NewStore(rdb, redisstore.StoreConfig{}); err == nil {
		t.Error("NewStore accepted a client that ignores deadlines")
	}
	if _, err := redisstore.NewMaintenance(rdb, redisstore.MaintenanceConfig{}); err == nil {
		t.Error("NewMaintenance accepted a client that ignores deadlines")
	}
	if _, err := redisstore.NewLimiter(rdb, redisstore.LimiterConfig{}); err == nil {
		t.Error("NewLimiter accepted a client that ignores deadlines")
	}
	if _, err := redisstore.NewStore(nil, redisstore.StoreConfig{}); err == nil {
		t.Error("NewStore accepted a nil client")
	}
	c, err := redisstore.NewClient("redis://127.0.0.1:1/2")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if !c.Options().ContextTimeoutEnabled || c.Options().DB != 2 {
		t.Errorf("NewClient options %+v", c.Options())
	}
	if _, err := redisstore.NewClient("http://nope"); err == nil {
		t.Error("NewClient accepted an http URL")
	}
}

// quiet keeps go-redis's own log (dial failures while a test has killed
// Redis) out of the test output; the pieces log through their Options.
type quiet struct{}

func (quiet) Printf(context.Context, string, ...any) {}

func TestMain(m *testing.M) {
	redis.SetLogger(quiet{})
	os.Exit(m.Run())
}

// TestStoreClosedWaitersPoll: after Close, a waiter is still woken by
// WaitPoll, not at once (which would spin) nor never.
func TestStoreClosedWaitersPoll(t *testing.T) {
	srv := redistest.Start(t)
	s := newStore(t, srv.Client(), redisstore.StoreConfig{WaitPoll: 300 * time.Millisecond})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ch := s.Done("k")
	select {
	case <-ch:
		t.Fatal("woken at once")
	default:
	}
	select {
	case <-ch:
	case <-time.After(5 * time.Second):
		t.Fatal("never woken")
	}
}

// TestStoreHeaderBytes: headers come back from Redis byte for byte, also
// values that are not UTF-8 (a Latin-1 filename).
func TestStoreHeaderBytes(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	a := newStore(t, srv.Client(), redisstore.StoreConfig{})
	b := newStore(t, srv.Client(), redisstore.StoreConfig{})
	if _, claimed, err := a.Claim(ctx, "bytes", fpA); err != nil || !claimed {
		t.Fatal(claimed, err)
	}
	want := http.Header{
		"Content-Disposition": {"attachment; filename=\"r\xe9sum\xe9.pdf\""},
		"Link":                {"</a>; rel=next", "</b>; rel=prev"},
	}
	if err := a.Complete(ctx, "bytes", &idempotency.Record{Fingerprint: fpA, Status: 200, Header: want, Body: []byte("\xff\x00"), Expires: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	rec, _, err := b.Claim(ctx, "bytes", fpA)
	if err != nil || !rec.Done {
		t.Fatal(rec, err)
	}
	if !reflect.DeepEqual(rec.Header, want) || string(rec.Body) != "\xff\x00" {
		t.Errorf("read back %q %q, want %q", rec.Header, rec.Body, want)
	}
}
