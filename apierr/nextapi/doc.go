// Package nextapi is the NextAPI (NextPay) error contract for errkit:
// its 17 codes and the body {"error":{"code":..,"message":..,"details":..}}.
//
// [Contract] renders every [apierr.Error] in this shape, with the codes of
// this package's catalogue ([InsufficientFunds], [ValidationError], ...).
// Codes of another catalogue are answered with the NextAPI code for their
// HTTP status; their message is kept below 500 and replaced above. Field
// errors go to details.fields. [RateLimited] is sent with Retry-After when
// the error carries one ([apierr.Error.WithRetryAfter]).
//
// A key still held by a request in progress is [RequestInProgress], not
// [IdempotencyConflict]: the provider's resolution for the latter is to
// take a new key, which would run a plain retry twice. Another catalogue's
// 409 (a duplicate payment) is [Conflict], which is neither.
//
// Each generic [apierr.Condition] is answered as follows; the codes marked
// extension are errkit's own, for failures the provider documents no code for.
//
//	condition             code                    status
//	internal              INTERNAL_ERROR          500 (extension)
//	bad_request           VALIDATION_ERROR        400
//	validation            VALIDATION_ERROR        400
//	unauthorized          UNAUTHORIZED            401
//	forbidden             FORBIDDEN               403
//	not_found             RESOURCE_NOT_FOUND      404
//	method_not_allowed    METHOD_NOT_ALLOWED      405 (extension)
//	request_timeout       REQUEST_TIMEOUT         408 (extension)
//	conflict              CONFLICT                409 (extension)
//	too_large             PAYLOAD_TOO_LARGE       413 (extension)
//	unsupported_media_type UNSUPPORTED_MEDIA_TYPE 415 (extension)
//	idempotency_mismatch  IDEMPOTENCY_CONFLICT    409
//	rate_limited          RATE_LIMITED            429
//	bad_gateway           BAD_GATEWAY             502 (extension)
//	unavailable           SERVICE_UNAVAILABLE     503 (extension)
//	maintenance           MAINTENANCE             503 (extension)
//	timeout               GATEWAY_TIMEOUT         504 (extension)
//	in_progress           REQUEST_IN_PROGRESS     409 (extension)
//
//go:generate go run ../internal/cmd/gencodes -in codes.txt -out codes_gen.go
package nextapi
