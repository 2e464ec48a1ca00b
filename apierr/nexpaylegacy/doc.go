// Package nexpaylegacy is the Nexpay legacy error contract for errkit:
// numeric codes and the body {"errors":[{"code":..,"message":..,"data":..}],"traceId":".."}.
//
// A body carries one or more errors. A validation failure is one entry per
// invalid field, each code 30010 "Invalid request parameter" with data
// naming the field and the rule ("amount (gt=0): amount must be positive",
// or "amount: amount must be positive" for a field error without a rule);
// an error of another code with field errors has its own entry first. The
// error's details are written in data: a detail "data" as it is, others as
// key=value, joined by "; ". traceId is 32 lower-case hex digits: the
// request's [apierr.Meta].TraceID (its request ID when that already is 32
// hex digits, else derived from it, see [kit.TraceHex]); it is left out
// when there is no request ID.
//
// Each generic [apierr.Condition] is answered as follows. The provider's
// page says its statuses "indicate the general class of error" and lists
// four: 400, 403, 404 and 500. A client written against it knows no other,
// so a condition of another status is sent with the class it falls in
// (the rule of docs/contracts.md, the same for every contract whose
// document lists its statuses), and an extension code in the range
// 90000-91999 tells it apart: 9, a variant digit, then the HTTP status of
// the case (90429 is a rate limit, sent as 403). Codes that ask the client
// to come back later (90429, 90503, 91503) carry Retry-After all the same.
// The page has no code for 404 either: errkit sends 90404 "Not found" for
// an unknown endpoint and an unknown resource alike.
//
//	condition              code     status  message
//	internal               -32603   500     Internal error
//	bad_request            -32600   400     Invalid Request
//	validation             30010    400     Invalid request parameter
//	unauthorized           10       403     Missing API key
//	forbidden              80       403     No permissions
//	not_found              90404    404     Not found (extension)
//	method_not_allowed     90405    400     Method not allowed (extension)
//	request_timeout        90408    400     Request timeout (extension)
//	conflict               90409    400     Request conflicts with another request in progress (extension)
//	too_large              90413    400     Request body too large (extension)
//	unsupported_media_type 90415    400     Unsupported media type (extension)
//	idempotency_mismatch   90422    400     Idempotency key reused with a different request (extension)
//	rate_limited           90429    403     Too many requests (extension)
//	bad_gateway            90502    500     Bad gateway (extension)
//	unavailable            90503    500     Service unavailable (extension)
//	maintenance            91503    500     Service is under maintenance (extension)
//	timeout                90504    500     Gateway timeout (extension)
//	in_progress            90409    400     Request conflicts with another request in progress (extension)
//
// The provider documents a few more codes on other pages (20000 and 20010
// about payment status; 130, 140, 200); their messages are not public in
// the material errkit follows, so they are not in the catalogue. Register
// them on [Contract].Catalogue() if you need them.
//
//go:generate go run ../internal/cmd/gencodes -in codes.txt -out codes_gen.go
package nexpaylegacy
