// Package cryptopay is the Cryptopay error contract for errkit: the body
// {"error":{"code":..,"message":..,"details":[]},"meta":{"request_id":..}}.
//
// The provider's page gives the statuses (400 401 403 404 409 422 429 500
// 503); its API docs give the codes unauthenticated (401), unauthorized
// (403), not_found (404) and invalid (422), each with its code as message.
// errkit names the other statuses' codes the same way, as extensions.
// Validation failures are 422 invalid with one details entry per field:
//
//	{"code":"must_be_less_than_or_equal","target":"charged_amount","message":"...","args":{"value":"167.75"}}
//
// where code comes from the field's rule ([RuleCode]), target is the field
// and args.value the rule's parameter, when it has one. The error's other
// details are entries {"code":"detail","target":key,"args":{"value":v}}.
// meta.request_id is always present: 32 lower-case hex digits, the
// request's [apierr.Meta].TraceID (its request ID when that already is 32
// hex digits, else derived from it, see [kit.TraceHex]), else random.
//
// Each generic [apierr.Condition] is answered as follows (E marks errkit
// extension codes):
//
//	condition              code                        status
//	internal               internal_error (E)          500
//	bad_request            bad_request (E)             400
//	validation             invalid                     422
//	unauthorized           unauthenticated             401
//	forbidden              unauthorized                403
//	not_found              not_found                   404
//	method_not_allowed     method_not_allowed (E)      400
//	request_timeout        request_timeout (E)         400
//	conflict               conflict (E)                409
//	too_large              payload_too_large (E)       400
//	unsupported_media_type unsupported_media_type (E)  400
//	idempotency_mismatch   conflict (E)                409
//	rate_limited           rate_limit_exceeded (E)     429
//	bad_gateway            bad_gateway (E)             500
//	unavailable            service_unavailable (E)     503
//	maintenance            maintenance (E)             503
//	timeout                gateway_timeout (E)         500
//	in_progress            conflict (E)                409
//
// 405, 408, 413 and 415 are 400s here: the provider's 400 covers "malformed
// request syntax, size too large, invalid request message framing, or
// deceptive request routing". 502 and 504 are 500s. The rate limit the
// provider documents is 200 requests per minute per API key.
//
//go:generate go run ../internal/cmd/gencodes -in codes.txt -out codes_gen.go
package cryptopay
