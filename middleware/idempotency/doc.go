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
//     the request (method, path and query, a hash of the body, a JSON
//     body in its RFC 8785 form);
//   - the same key with the same fingerprint replays the stored response
//     with the [ReplayHeader] set, without running the handler;
//   - the same key with another fingerprint fails with
//     [apierr.IdempotencyMismatch] (Nexpay v2: 422 [apierr.GEN9422]);
//   - the same key while the first request is still running fails with
//     [apierr.InProgress] (409, Retry-After: 1; NextAPI's REQUEST_IN_PROGRESS),
//     or waits [Config.Wait] for it;
//   - a key that is too long or has characters outside [ValidKey]'s set
//     fails with [apierr.BadRequest] and a field error; a body over
//     [Config.MaxBody] with [apierr.TooLarge]; a failing [Store] with
//     [apierr.Unavailable].
//
// [Preset] gives a contract's own rules in one call: NextAPI's
// X-Idempotency-Key, the Payout API's external_id with its 200 "already
// exists" replay, Cryptopay's custom_id answered 409 on reuse
// ([Config.RefuseReuse]).
//
// These failures are [*apierr.ConditionError]s handed to
// [middleware.Error]: the errkit middleware around the handler answers
// them in its contract and logs them like any other error (the echo door
// returns them to echo's HTTPErrorHandler). [Config.Contract] pins a
// contract instead.
//
// 5xx responses are not stored, so the client may retry them. A response
// that was sent is never released: if the store fails to keep it (a
// shared store whose server is down), completion is tried once more, then
// the key stays in flight (409) until the store's lease ends, and
// [Config.Logger] and [Config.OnUnstored] report it; a free key would run
// the handler a second time. Keys are
// scoped per client ([Config.Scope]) and expire after [Config.TTL]. The
// default scope is the Authorization header (scheme in any case, blanks
// collapsed) and the X-API-Key header: an API that authenticates by
// cookie, session or client certificate MUST set [Config.Scope], or all
// its clients share one key space and may replay each other's responses.
// The [Store] behind it claims keys atomically; [MemoryStore] is the
// bounded in-memory default.
package idempotency
