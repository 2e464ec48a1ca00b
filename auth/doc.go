// Package auth verifies signed requests and Basic credentials, and answers
// every failure in the server's error contract, with the contract's own
// code for it: the Nexpay legacy API's 20 for a missing nonce, the Payout
// API's "Timestamp required", NextAPI's UNAUTHORIZED.
//
// A [Verifier] checks an API key header, a nonce or a timestamp header (or
// both) and a signature header: the lowercase hex HMAC (SHA-256 or
// SHA-512), keyed with the key's secret, of a canonical string built from
// the request ([DefaultCanonical] or one of the application's). The body
// is read once, under a size limit, and handed on intact. Nonces are
// decimal integers from 1 to 2^53-1, each greater than the last one
// accepted for its key; a [NonceStore] checks and records one in one
// atomic step, and only after the signature checked out, so a forged
// request never burns a nonce. [MemoryNonces] serves one process;
// redisstore.Nonces serves a fleet. [Basic] checks
// "Authorization: Basic base64(key:secret)".
//
// Both are func(http.Handler) http.Handler through their Handler method,
// installed inside [middleware.Wrap] so that failures leave through the
// middleware in its contract; the framework doors call Verify through
// packages auth/echoauth (echo v4), auth/echov5auth (echo v5) and
// auth/ginauth (gin). A failure is an [apierr.NewAuthFailure]: it
// names the check that failed, never a value, so that no secret, nonce or
// signature reaches a body or a log record.
package auth
