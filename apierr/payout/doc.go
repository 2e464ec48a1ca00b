// Package payout is the Payout API error contract for errkit: the seed's
// messages as codes, and the body {"message":..,"code":..,"error":{"code":..,"message":..}}.
//
// The contract knows five error statuses, 401, 403, 404, 422 and 500, and
// five code strings, one per status: unauthorized, forbidden, not_found,
// validation_error and internal_error ([WireCode]). Every message of the
// provider's table is a [apierr.Code] of this package ([InvalidAPIKey],
// [AmountInvalid], ...), with its text exactly as written; the catalogue IDs
// ("invalid_api_key") name the codes in Go and in docs, the body carries the
// code string of the status.
//
// Validation failures are 422 validation_error with
// "errors":[{"field":..,"message":..}]; the top-level message is the first
// field's. The field codes ([ExternalIDRequired], [AmountInvalid],
// [CurrencyRequired], [CardNumberRequired], [CallbackURLInvalid]) list their
// own field. The body has no place for details: they are kept on the error
// for logs but not rendered.
//
// The contract has no 400 and no 429. A malformed body (bad JSON, too large,
// wrong media type, read timeout) is a 422 validation_error. A rate-limited
// client gets 403 forbidden "Rate limit exceeded" with Retry-After: 403 is
// the contract's "access denied", the status a client of this API already
// treats as "do not retry blindly", whereas 422 would tell it to fix a
// request that is not wrong, and 500 would invite immediate retries. Server
// conditions (502, 503, maintenance, 504) are 500 internal_error with their
// own message; Retry-After is still sent when the error carries one.
//
// external_id is the contract's idempotency key: a repeated create with the
// same parameters is answered 200 with the existing operation (the seed's
// "idempotent already exists"), one with other parameters is a business
// rule error, so [ExternalIDConflict] (and [Conflict], a request with the
// same external_id still in progress) is 422 and its body carries
// "code":"validation_error", the one code string of 422; the message tells
// it apart: "external_id already used with different parameters".
//
// Each generic [apierr.Condition] is answered as follows (E marks errkit
// extension codes, for failures the provider's table has no message for):
//
//	condition              code                      status  message
//	internal               internal_error (E)        500     Internal Server Error
//	bad_request            malformed_request (E)     422     Malformed request body
//	validation             validation_error (E)      422     Validation failed, or the first field's message
//	unauthorized           api_key_required          401     API key required
//	forbidden              forbidden (E)             403     Access denied
//	not_found              not_found (E)             404     Not found
//	method_not_allowed     method_not_allowed (E)    404     Method not allowed
//	request_timeout        malformed_request (E)     422     Malformed request body
//	conflict               conflict (E)              422     Request conflicts with another request in progress
//	too_large              request_too_large (E)     422     Request body too large
//	unsupported_media_type unsupported_media_type (E) 422    Unsupported media type
//	idempotency_mismatch   external_id_conflict (E)  422     external_id already used with different parameters
//	rate_limited           rate_limited (E)          403     Rate limit exceeded
//	bad_gateway            bad_gateway (E)           500     Bad gateway
//	unavailable            service_unavailable (E)   500     Service unavailable
//	maintenance            maintenance (E)           500     Service is under maintenance
//	timeout                timeout (E)               500     Gateway timeout
//	in_progress            conflict (E)              422     Request conflicts with another request in progress
//
//go:generate go run ../internal/cmd/gencodes -in codes.txt -out codes_gen.go
package payout
