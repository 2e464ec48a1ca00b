package nexpaylegacy

import (
	"errors"
	"strconv"

	"github.com/errkit/errkit/apierr"
)

// catalogue holds the legacy codes; [Contract].Catalogue() returns it.
var catalogue = apierr.NewCatalogue(Name, checkID)

// checkID accepts decimal integers as the body writes them: "10", "-32600".
func checkID(id string) error {
	n, err := strconv.ParseInt(id, 10, 32)
	if err != nil || strconv.FormatInt(n, 10) != id {
		return errors.New("a Nexpay legacy code is a decimal integer, like 30010 or -32600")
	}
	return nil
}

func reg(id string, status int, message, description string) apierr.Code {
	return catalogue.MustRegister(apierr.Spec{ID: id, Status: status, Message: message, Description: description})
}

func ext(id string, status int, message, description string) apierr.Code {
	return catalogue.MustRegister(apierr.Spec{ID: id, Status: status, Message: message, Extension: true, Description: description})
}

// HTTP 403: authentication and authorization errors.
var (
	MissingAPIKey      = reg("10", 403, "Missing API key", "API key not exists in HTTP request header")
	MissingNonce       = reg("20", 403, "Missing nonce", "Nonce not exists in HTTP request header")
	MissingSignature   = reg("30", 403, "Missing signature", "Signature not exists in HTTP request header")
	InvalidAPIKey      = reg("40", 403, "Invalid API key", "API key not found or have invalid format")
	NonceNotMonotonous = reg("50", 403, "Nonce is not monotonous", "Received nonce is smaller than in previous requests")
	NonceNotValid      = reg("60", 403, "Nonce is not valid", "Too big number or not a number")
	WrongSignature     = reg("70", 403, "Wrong signature", "Specified signature is not correct")
	NoPermissions      = reg("80", 403, "No permissions", "API key has no permissions to call this method")
	APIKeyNotEnabled   = reg("90", 403, "API key is not enabled", "Client have not enabled API key")
	APIKeyLocked       = reg("100", 403, "API key locked", "API key is locked due to client action or Nexpay decision")
	InvalidClientState = reg("110", 403, "Invalid client state", "Client account is closed or is not approved")
	InvalidAPIKeyState = reg("120", 403, "Invalid API key state", "API key is deleted")
	DeprecatedAPIKey   = reg("121", 403, "Deprecated API key", "API key is outdated and not suitable for this feature, needs to be regenerated")
)

// HTTP 400: request validation errors; 30240 and -32600 are from the
// provider's examples.
var (
	RequestError            = reg("30000", 400, "Request error", "The request is invalid due to some logical error")
	InvalidRequestParameter = reg("30010", 400, "Invalid request parameter", "The request parameter is incorrectly formatted or invalid")
	InvalidCryptoAddress    = reg("30240", 400, "Invalid cryptocurrency address", "The cryptocurrency address is not valid")
	InvalidRequest          = reg("-32600", 400, "Invalid Request", "The request is malformed or names something unknown")
)

// HTTP 500: server errors.
var InternalError = reg("-32603", 500, "Internal error", "The request failed due to an internal error")

// errkit extension codes, 9 + variant digit + the HTTP status of the case,
// for conditions the provider's page gives no code for. The page's
// statuses "indicate the general class of error" and are four (400, 403,
// 404, 500): a case of another status is sent with the class it falls in,
// the code telling it apart (see docs/contracts.md).
var (
	NotFound             = ext("90404", 404, "Not found", "Invalid endpoint or resource not found")
	MethodNotAllowed     = ext("90405", 400, "Method not allowed", "The endpoint exists but not for this HTTP method (the contract has no 405)")
	RequestTimeout       = ext("90408", 400, "Request timeout", "The request was not received in time (the contract has no 408)")
	Conflict             = ext("90409", 400, "Request conflicts with another request in progress", "Another request with the same idempotency key is in progress (the contract has no 409)")
	TooLarge             = ext("90413", 400, "Request body too large", "The request body is larger than the server accepts (the contract has no 413)")
	UnsupportedMediaType = ext("90415", 400, "Unsupported media type", "The request body is not JSON (the contract has no 415)")
	IdempotencyMismatch  = ext("90422", 400, "Idempotency key reused with a different request", "An idempotency key was reused with another request body (the contract has no 422)")
	TooManyRequests      = ext("90429", 403, "Too many requests", "Rate limited; retry after the Retry-After header value (the contract has no 429)")
	BadGateway           = ext("90502", 500, "Bad gateway", "An upstream service answered badly (the contract has no 502)")
	ServiceUnavailable   = ext("90503", 500, "Service unavailable", "Temporarily unavailable; retry after the Retry-After header value (the contract has no 503)")
	Maintenance          = ext("91503", 500, "Service is under maintenance", "Maintenance; retry after the Retry-After header value (the contract has no 503)")
	GatewayTimeout       = ext("90504", 500, "Gateway timeout", "An upstream service did not answer in time (the contract has no 504)")
)

// Roles names the codes a server answers its common failures with:
// missing and invalid credentials, a forbidden call, an unknown resource.
var Roles = struct {
	MissingCredentials, InvalidCredentials, Forbidden, ResourceNotFound apierr.Code
}{MissingAPIKey, InvalidAPIKey, NoPermissions, NotFound}
