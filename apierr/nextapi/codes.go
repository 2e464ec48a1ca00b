package nextapi

import (
	"errors"

	"github.com/errkit/errkit/apierr"
)

// catalogue holds the NextAPI codes; [Contract].Catalogue() returns it.
var catalogue = apierr.NewCatalogue(Name, checkID)

// checkID accepts NextAPI code IDs: upper-case words joined by underscores.
func checkID(id string) error {
	if id == "" || id[0] == '_' || id[len(id)-1] == '_' {
		return errors.New("a NextAPI code is upper-case words joined by underscores, like INSUFFICIENT_FUNDS")
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return errors.New("a NextAPI code is upper-case words joined by underscores, like INSUFFICIENT_FUNDS")
		}
	}
	return nil
}

// resolutions holds the seed's Resolution column: what the client should do.
var resolutions = map[apierr.Code]string{}

func reg(id string, status int, message, resolution string) apierr.Code {
	code := catalogue.MustRegister(apierr.Spec{ID: id, Status: status, Message: message, Description: message})
	resolutions[code] = resolution
	return code
}

func ext(id string, status int, message, description string) apierr.Code {
	return catalogue.MustRegister(apierr.Spec{ID: id, Status: status, Message: message, Extension: true, Description: description})
}

// The codes of the provider's table, with the table's description as
// message.
var (
	// Funds and balances.
	InsufficientFunds  = reg("INSUFFICIENT_FUNDS", 422, "Account available balance is too low", "Check balance via GET /v2/accounts/{id}/balances before requesting payout")
	AccountFrozen      = reg("ACCOUNT_FROZEN", 422, "Account is frozen for compliance reasons", "Contact NextPay support")
	AmountBelowMinimum = reg("AMOUNT_BELOW_MINIMUM", 422, "Amount is below the rail minimum", "Increase amount or use a different rail")
	AmountAboveMaximum = reg("AMOUNT_ABOVE_MAXIMUM", 422, "Amount exceeds the rail maximum (e.g., InstaPay PHP 50k)", "Split into multiple requests or use PESONet")

	// Recipients and accounts.
	InvalidAccount     = reg("INVALID_ACCOUNT", 422, "Recipient account number is invalid or does not exist", "Verify the account number with the recipient")
	AccountClosed      = reg("ACCOUNT_CLOSED", 422, "Recipient account is closed", "Use a different account for this recipient")
	InvalidInstitution = reg("INVALID_INSTITUTION", 400, "Bank or e-wallet code is not recognized", "Check valid codes via GET /v2/receiving-institutions")

	// Payment rails.
	BankUnavailable  = reg("BANK_UNAVAILABLE", 422, "The target bank is temporarily unavailable", "Retry later; check GET /v2/service-health")
	RailUnavailable  = reg("RAIL_UNAVAILABLE", 422, "InstaPay or PESONet is down", "Retry later or wait for scheduled batch window")
	ProcessingFailed = reg("PROCESSING_FAILED", 422, "Payout was rejected by the payment network", "See payout details for provider-specific reason")

	// Authentication and authorization.
	InvalidCredentials = reg("INVALID_CREDENTIALS", 401, "Client ID or Client Secret is incorrect", "Verify credentials in your dashboard")
	Unauthorized       = reg("UNAUTHORIZED", 401, "Authorization header missing or malformed", "Include Authorization: Basic <base64> in every request")
	Forbidden          = reg("FORBIDDEN", 403, "Credentials valid but access denied", "Verify your account has the required permissions")

	// Requests.
	ValidationError     = reg("VALIDATION_ERROR", 400, "Request body failed validation", "Read error.details for the specific field and constraint")
	ResourceNotFound    = reg("RESOURCE_NOT_FOUND", 404, "Requested ID does not exist", "Verify the ID is correct and belongs to your account")
	IdempotencyConflict = reg("IDEMPOTENCY_CONFLICT", 409, "Same idempotency key used with different parameters", "Use a new key or replay the exact same request")
	RateLimited         = reg("RATE_LIMITED", 429, "Too many requests", "Back off and retry after the Retry-After header value")
)

// errkit extension codes: failures every server has that the provider's
// table gives no code for. [apierr.Code.Extension] reports true for them.
var (
	InternalError        = ext("INTERNAL_ERROR", 500, "Internal server error", "Unexpected server-side failure; retry with backoff")
	MethodNotAllowed     = ext("METHOD_NOT_ALLOWED", 405, "Method not allowed", "The route exists but not for this HTTP method; see the Allow header")
	RequestTimeout       = ext("REQUEST_TIMEOUT", 408, "Request timeout", "The request was not received in time")
	PayloadTooLarge      = ext("PAYLOAD_TOO_LARGE", 413, "Request body too large", "The request body is larger than the server accepts")
	UnsupportedMediaType = ext("UNSUPPORTED_MEDIA_TYPE", 415, "Unsupported media type", "Send the body as application/json")
	BadGateway           = ext("BAD_GATEWAY", 502, "Bad gateway", "An upstream service answered badly; retry with backoff")
	ServiceUnavailable   = ext("SERVICE_UNAVAILABLE", 503, "Service temporarily unavailable", "Retry after the Retry-After header value")
	Maintenance          = ext("MAINTENANCE", 503, "Service is under maintenance", "Retry after the Retry-After header value")
	GatewayTimeout       = ext("GATEWAY_TIMEOUT", 504, "Gateway timeout", "An upstream service did not answer in time; retry with backoff")
	// RequestInProgress answers a request whose idempotency key is held
	// by a request still running: the same request may be retried with
	// the same key once Retry-After has passed. IDEMPOTENCY_CONFLICT,
	// whose resolution is to take a new key, is kept for a key reused
	// with different parameters.
	RequestInProgress = ext("REQUEST_IN_PROGRESS", 409, "A request with this idempotency key is still being processed", "The idempotency key is held by a request still running; retry the same request with the same key after the Retry-After header value")
	// Conflict answers a conflict that is not about an idempotency key (a
	// duplicate payment reported by another catalogue's 409): neither
	// taking a new key nor retrying would be right.
	Conflict = ext("CONFLICT", 409, "The request conflicts with the current state of the resource", "Read the resource's current state before retrying")
)

// Resolution returns what the provider's table tells a client to do about
// code, or "" for extension codes and codes of other catalogues.
func Resolution(code apierr.Code) string { return resolutions[code] }

// Roles names the codes a server answers its common failures with:
// missing and invalid credentials, a forbidden call, an unknown resource.
var Roles = struct {
	MissingCredentials, InvalidCredentials, Forbidden, ResourceNotFound apierr.Code
}{Unauthorized, InvalidCredentials, Forbidden, ResourceNotFound}
