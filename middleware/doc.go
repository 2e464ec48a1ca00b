// Package middleware makes a net/http server answer every failure in an
// [apierr.Contract]: handler errors, panics, the router's 404/405, limits and
// maintenance all leave through one road, exactly once, never leaking a cause.
//
// [Wrap] installs the whole set around a handler (a Go 1.22 [http.ServeMux],
// a chi router, anything); [New] returns a [Set] whose pieces are usable
// alone as func(http.Handler) http.Handler. Handlers return errors through
// [HandlerFunc]; [Classify] decides what each error becomes, for this door
// and for the echo door (package echomw), which this package never imports.
//
// # How a failure travels
//
// [Set.Wrap] is the set's pieces composed, nothing more: RequestID(Recover(
// Maintenance(RateLimit(PlainErrors(h))))). Both doors recover through
// [Set.Catch]. Every failure ends in [Set.RespondTo] (or [Set.RespondSent],
// for a door that knows the status it sent), which classifies it,
// reads the request's metadata once (request ID, the trace ID a contract
// shows, the traceparent's trace, path, route) and hands those same values
// to [apierr.RenderMeta], the log record and the metrics hook.
//
// The writer the set guards a response with only records: whether the
// status was sent, whether the set answered, and, under [Set.PlainErrors],
// the status of a plain-text error answer it held back (its text is
// dropped). The set renders; PlainErrors answers a held status in the
// contract when the handler returns.
//
// This package does not import package validation, so a net/http server
// does not compile validator/v10: validation's errors are
// [*apierr.ConditionError] values and classify themselves, and
// encoding/json's errors are classified by code both packages share.
// Request IDs, errors and field lists are plain allocations; no request's
// data outlives it in a shared buffer.
package middleware
