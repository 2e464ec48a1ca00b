package payout

import (
	"errors"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// catalogue holds the Payout API codes; [Contract].Catalogue() returns it.
var catalogue = apierr.NewCatalogue(Name, checkID)

// checkID accepts lower-case snake_case IDs.
func checkID(id string) error {
	if id == "" || id[0] == '_' || id[len(id)-1] == '_' {
		return errors.New("a Payout code ID is lower-case words joined by underscores, like invalid_api_key")
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return errors.New("a Payout code ID is lower-case words joined by underscores, like invalid_api_key")
		}
	}
	return nil
}

// codeFields holds the request field a field code is about.
var codeFields = map[apierr.Code]string{}

func reg(id string, status int, message, cause string) apierr.Code {
	return catalogue.MustRegister(apierr.Spec{ID: id, Status: status, Message: message, Description: cause})
}

func field(id, name, message, cause string) apierr.Code {
	code := reg(id, 422, message, cause)
	codeFields[code] = name
	return code
}

func ext(id string, status int, message, description string) apierr.Code {
	return catalogue.MustRegister(apierr.Spec{ID: id, Status: status, Message: message, Extension: true, Description: description})
}

// The messages of the provider's table, exactly as written; the
// description is the table's cause.
var (
	APIKeyRequired          = reg("api_key_required", 401, "API key required", "X-API-Key header not sent.")
	InvalidAPIKey           = reg("invalid_api_key", 401, "Invalid API key", "Key not found or inactive.")
	TimestampRequired       = reg("timestamp_required", 401, "Timestamp required", "Missing, invalid, or expired X-Timestamp.")
	InvalidTimestampFormat  = reg("invalid_timestamp_format", 401, "Invalid timestamp format", "Missing, invalid, or expired X-Timestamp.")
	TimestampWindowExceeded = reg("timestamp_window_exceeded", 401, "Timestamp window exceeded", "Missing, invalid, or expired X-Timestamp.")
	InvalidSignature        = reg("invalid_signature", 401, "Invalid signature", "Signature does not match.")

	ExternalIDRequired = field("external_id_required", "external_id", "external_id is required", "external_id not sent.")
	AmountInvalid      = field("amount_invalid", "amount", "amount must be a positive decimal string", "Amount missing, not a string, invalid, or not positive.")
	CurrencyRequired   = field("currency_required", "currency", "currency is required", "Currency not specified.")
	CardNumberRequired = field("card_number_required", "card_number", "card_number is required", "Card number not specified for payout.")
	CallbackURLInvalid = field("callback_url_invalid", "callback_url", "callback_url must be a valid URL", "callback_url is not valid.")

	// ShopCurrencyMismatch keeps the table's text; send the expected
	// currency with [CurrencyMismatch].
	ShopCurrencyMismatch = reg("shop_currency_mismatch", 422, "Shop currency mismatch. Expected X.", "Request currency does not match shop currency.")
	InsufficientBalance  = reg("insufficient_balance", 422, "Insufficient balance...", "Not enough balance for payout.")

	PayoutNotFound = reg("payout_not_found", 404, "Payout not found", "No operation found for the resolved shop scope.")
	PayInNotFound  = reg("payin_not_found", 404, "PayIn not found", "No operation found for the resolved shop scope.")
)

// errkit extension codes: conditions the provider's table has no message
// for. Their statuses stay within the contract's 401, 403, 404, 422, 500.
var (
	Forbidden            = ext("forbidden", 403, "Access denied", "Access denied.")
	NotFound             = ext("not_found", 404, "Not found", "No route or resource for the path.")
	MethodNotAllowed     = ext("method_not_allowed", 404, "Method not allowed", "The route exists but not for this HTTP method (the contract has no 405).")
	ValidationFailed     = ext("validation_error", 422, "Validation failed", "The request failed validation; errors lists the fields.")
	MalformedRequest     = ext("malformed_request", 422, "Malformed request body", "The body is not valid JSON or was not received in time (the contract has no 400).")
	RequestTooLarge      = ext("request_too_large", 422, "Request body too large", "The body is larger than the server accepts (the contract has no 413).")
	UnsupportedMediaType = ext("unsupported_media_type", 422, "Unsupported media type", "The body is not JSON (the contract has no 415).")
	Conflict             = ext("conflict", 422, "Request conflicts with another request in progress", "Another request with the same external_id is being processed.")
	ExternalIDConflict   = ext("external_id_conflict", 422, "external_id already used with different parameters", "external_id, the idempotency key, was reused with another body.")
	RateLimited          = ext("rate_limited", 403, "Rate limit exceeded", "Too many requests; retry after Retry-After (the contract has no 429).")
	InternalError        = ext("internal_error", 500, "Internal Server Error", "Server error.")
	BadGateway           = ext("bad_gateway", 500, "Bad gateway", "An upstream service answered badly.")
	ServiceUnavailable   = ext("service_unavailable", 500, "Service unavailable", "The service is temporarily unavailable.")
	Maintenance          = ext("maintenance", 500, "Service is under maintenance", "Maintenance; retry after Retry-After.")
	Timeout              = ext("timeout", 500, "Gateway timeout", "An upstream service did not answer in time.")
)

// Wire code strings, one per status of the contract.
const (
	CodeUnauthorized    = "unauthorized"
	CodeForbidden       = "forbidden"
	CodeNotFound        = "not_found"
	CodeValidationError = "validation_error"
	CodeInternalError   = "internal_error"
)

// WireCode returns the code string a body carries for code: the one of its
// status (for a code of another catalogue, of the status it is answered with).
func WireCode(code apierr.Code) string {
	if code.Catalogue() != catalogue {
		code = kit.CodeFor(Contract, code.Status())
	}
	return wireCode(code.Status())
}

func wireCode(status int) string {
	switch status {
	case 401:
		return CodeUnauthorized
	case 403:
		return CodeForbidden
	case 404:
		return CodeNotFound
	case 422:
		return CodeValidationError
	}
	return CodeInternalError
}

func wireStatus(code string) int {
	switch code {
	case CodeUnauthorized:
		return 401
	case CodeForbidden:
		return 403
	case CodeNotFound:
		return 404
	case CodeValidationError:
		return 422
	case CodeInternalError:
		return 500
	}
	return 0
}

// Field returns the request field a field code is about ("amount" for
// [AmountInvalid]), or "".
func Field(code apierr.Code) string { return codeFields[code] }

const (
	mismatchPrefix = "Shop currency mismatch. Expected "
	balancePrefix  = "Insufficient balance"
)

// CurrencyMismatch returns a [ShopCurrencyMismatch] error naming the shop's
// currency: "Shop currency mismatch. Expected EUR.".
func CurrencyMismatch(expected string) *apierr.Error {
	return apierr.New(ShopCurrencyMismatch).Msg(mismatchPrefix + expected + ".")
}

// Roles names the codes a server answers its common failures with:
// missing and invalid credentials, a forbidden call, an unknown resource.
var Roles = struct {
	MissingCredentials, InvalidCredentials, Forbidden, ResourceNotFound apierr.Code
}{APIKeyRequired, InvalidAPIKey, Forbidden, NotFound}

// templated returns the code whose message is a template message matches.
func templated(message string) (apierr.Code, bool) {
	switch {
	case strings.HasPrefix(message, mismatchPrefix) && strings.HasSuffix(message, "."):
		return ShopCurrencyMismatch, true
	case strings.HasPrefix(message, balancePrefix):
		return InsufficientBalance, true
	}
	return 0, false
}
