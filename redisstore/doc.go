// Package redisstore shares errkit's idempotency keys, maintenance switch
// and rate limits across the replicas of a service, on Redis: a
// [Store] for [idempotency.Config.Store], a [Maintenance] for
// [middleware.WithMaintenance], a [Limiter] for
// [middleware.WithRateLimit], and [Nonces] for the signed requests of
// package auth.
//
// Each takes a [redis.UniversalClient], so a standalone server, Sentinel
// and Cluster all work; the client must honour context deadlines
// (ContextTimeoutEnabled, which [NewClient] sets). Every Redis call has a
// deadline ([Options.Timeout], 50 ms by default), and each piece says what
// it does when Redis is down, slow or flapping:
//
//   - [Store] fails closed: a request with an idempotency key is answered
//     with the contract's 503 and Retry-After, never run without a claim;
//     requests without a key are not affected.
//   - [Maintenance] keeps its last known state: it is read from a local
//     copy that Redis pub/sub invalidates, so requests make no round trip
//     for it and a change on any replica reaches all within a second.
//   - [Limiter] fails open: the request is allowed, a log record and
//     [Options.OnError] say so ([LimiterConfig.FailClosed] denies
//     instead).
//   - [Nonces] fails closed: a request with a nonce is answered with the
//     contract's unavailable code, never accepted without its check.
//
// Service resumes by itself within a second of Redis coming back. Keys
// start with [Options.Prefix] ("errkit:" by default); an idempotency
// key's record carries a hash tag, so it sits in one cluster slot. See
// docs/fleet.md for running a fleet.
package redisstore
