package redisstore_test

import (
	"context"
	"crypto/sha512"
	"log"
	"log/slog"
	"net/http"
	"time"

	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/idempotency"
	"github.com/errkit/errkit/redisstore"
	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// The examples need a Redis to run; they are compiled, not run.

// A replica of a fleet: idempotency keys, maintenance and the rate limit
// shared through one Redis.
func Example() {
	rdb, err := redisstore.NewClient("redis://localhost:6379/0")
	if err != nil {
		log.Fatal(err)
	}
	opt := redisstore.Options{Prefix: "payments:"}
	store, err := redisstore.NewStore(rdb, redisstore.StoreConfig{Options: opt, Lease: time.Minute})
	if err != nil {
		log.Fatal(err)
	}
	maintenance, err := redisstore.NewMaintenance(rdb, redisstore.MaintenanceConfig{Options: opt})
	if err != nil {
		log.Fatal(err)
	}
	limiter, err := redisstore.NewLimiter(rdb, redisstore.LimiterConfig{Options: opt, Limit: redis_rate.PerSecond(200)})
	if err != nil {
		log.Fatal(err)
	}
	idem, err := idempotency.New(idempotency.Config{Store: store, Wait: 2 * time.Second})
	if err != nil {
		log.Fatal(err)
	}
	createPayment := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	})
	mux := http.NewServeMux()
	mux.Handle("POST /v2/payments", idem.Handler(createPayment))
	h := middleware.New(
		middleware.WithMaintenance(maintenance),
		middleware.WithRateLimit(limiter),
	).Wrap(mux)
	// The lease (a minute) outlasts the longest request (30 s).
	srv := &http.Server{Addr: ":8080", Handler: h, WriteTimeout: 30 * time.Second}
	log.Fatal(srv.ListenAndServe())
}

func ExampleNewClient() {
	// ContextTimeoutEnabled is set: every call ends at its deadline.
	rdb, err := redisstore.NewClient("rediss://user:password@redis.internal:6380/0")
	if err != nil {
		log.Fatal(err)
	}
	defer rdb.Close()
}

func ExampleNewStore() {
	// A Redis Cluster works as well as a single server: a key's record
	// sits in one slot.
	rdb := redis.NewClusterClient(&redis.ClusterOptions{
		Addrs:                 []string{"redis-0:6379", "redis-1:6379", "redis-2:6379"},
		ContextTimeoutEnabled: true,
	})
	store, err := redisstore.NewStore(rdb, redisstore.StoreConfig{
		Options: redisstore.Options{
			Timeout: 100 * time.Millisecond,
			OnError: func(op string, err error) { /* count it */ },
		},
		Lease: 2 * time.Minute, // longer than any handler runs
	})
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()
	_, _ = idempotency.New(idempotency.Config{
		Store: store,
		// A response sent but not stored (Redis went away before the
		// completion) leaves its key in flight until the lease ends.
		OnUnstored: func(r *http.Request, err error) { /* count it */ },
	})
}

func ExampleNewMaintenance() {
	rdb, err := redisstore.NewClient("redis://localhost:6379/0")
	if err != nil {
		log.Fatal(err)
	}
	m, err := redisstore.NewMaintenance(rdb, redisstore.MaintenanceConfig{})
	if err != nil {
		log.Fatal(err)
	}
	defer m.Close()
	// Every replica answers 503 with Retry-After: 900 within a second.
	if err := m.OnFor(context.Background(), 15*time.Minute); err != nil {
		log.Fatal(err)
	}
	_ = middleware.New(middleware.WithMaintenance(m))
}

func ExampleNewLimiter() {
	rdb, err := redisstore.NewClient("redis://localhost:6379/0")
	if err != nil {
		log.Fatal(err)
	}
	// 10 logins a minute per client across the fleet; failing open is
	// logged here.
	limiter, err := redisstore.NewLimiter(rdb, redisstore.LimiterConfig{
		Options: redisstore.Options{Logger: slog.Default()},
		Limit:   redis_rate.PerMinute(10),
	})
	if err != nil {
		log.Fatal(err)
	}
	_ = middleware.New(middleware.WithRateLimit(limiter))
}

// Every replica verifies signed requests with its own verifier; the
// nonces are the fleet's.
func ExampleNewNonces() {
	rdb, err := redisstore.NewClient("redis://127.0.0.1:6379/0")
	if err != nil {
		panic(err)
	}
	nonces, err := redisstore.NewNonces(rdb, redisstore.NoncesConfig{})
	if err != nil {
		panic(err)
	}
	v, err := auth.New(auth.Config{
		Headers: auth.NonceHeaders(),
		Hash:    sha512.New,
		Lookup:  auth.StaticKeys(map[string]string{"pk_1": "sk_1"}),
		Nonces:  nonces,
	})
	if err != nil {
		panic(err)
	}
	_ = v // middleware.Wrap(v.Handler(api)) on every replica
}
