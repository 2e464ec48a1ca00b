// Package idempotency makes a create endpoint safe to retry: a request that
// repeats an Idempotency-Key gets the first response back, byte for byte.
//
// [New] builds a [Middleware] from a [Config]; its [Middleware.Handler] wraps
// any net/http handler (the echo door is the echoidempotency subpackage).
// For a covered method (POST and PATCH by default) carrying the key header
// (or a body member, [Config.BodyKey]):
//
//   - the first request runs the handler; its status, the headers that
//     matter and its body are stored under the key with a fingerprint of
//     the request (method, path and query, a canonical hash of the body);
//   - the same key with the same fingerprint replays the stored response
//     with the [ReplayHeader] set, without running the handler;
//   - the same key with another fingerprint answers the contract's
//     [apierr.IdempotencyMismatch] code (Nexpay v2: 422 [apierr.GEN9422]);
//   - the same key while the first request is still running answers the
//     contract's [apierr.Conflict] code (409), or waits [Config.Wait] for it;
//   - a key that is too long or has characters outside [ValidKey]'s set
//     answers the contract's [apierr.BadRequest] code with a field error.
//
// 5xx responses are not stored, so the client may retry them. Keys are
// scoped per client ([Config.Scope]) and expire after [Config.TTL]. The
// [Store] behind it claims keys atomically; [MemoryStore] is the bounded
// in-memory default.
package idempotency
