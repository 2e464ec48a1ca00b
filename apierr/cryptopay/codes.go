package cryptopay

import (
	"errors"
	"strings"

	"github.com/errkit/errkit/apierr"
)

// catalogue holds the Cryptopay codes; [Contract].Catalogue() returns it.
var catalogue = apierr.NewCatalogue(Name, checkID)

func checkID(id string) error {
	if !isSnake(id) {
		return errors.New("a Cryptopay code is lower-case words joined by underscores, like not_found")
	}
	return nil
}

func isSnake(s string) bool {
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// Every code's message is its code, as in the provider's docs.
func reg(id string, status int, description string) apierr.Code {
	return catalogue.MustRegister(apierr.Spec{ID: id, Status: status, Message: id, Description: description})
}

func ext(id string, status int, description string) apierr.Code {
	return catalogue.MustRegister(apierr.Spec{ID: id, Status: status, Message: id, Extension: true, Description: description})
}

// The codes of the provider's docs; the description is the seed's meaning
// of the status.
var (
	Unauthenticated = reg("unauthenticated", 401, "Most likely you weren't able to construct and sign your API request correctly using HMAC")
	Unauthorized    = reg("unauthorized", 403, "You don't have required permissions to perform requested action on the resource. Check your API key whitelist")
	NotFound        = reg("not_found", 404, "We don't have the resource you've requested")
	Invalid         = reg("invalid", 422, "The request was well-formed but was unable to be followed due to semantic errors")
)

// errkit extension codes, at the statuses of the seed.
var (
	BadRequest           = ext("bad_request", 400, "The server cannot or will not process the request due to an apparent client error (e.g., malformed request syntax, size too large, invalid request message framing, or deceptive request routing)")
	MethodNotAllowed     = ext("method_not_allowed", 400, "The route exists but not for this HTTP method (the contract has no 405)")
	RequestTimeout       = ext("request_timeout", 400, "The request was not received in time (the contract has no 408)")
	PayloadTooLarge      = ext("payload_too_large", 400, "The request body is larger than the server accepts (the contract has no 413)")
	UnsupportedMediaType = ext("unsupported_media_type", 400, "The request body is not JSON (the contract has no 415)")
	Conflict             = ext("conflict", 409, "Most likely the custom_id value you are trying to use had been used before")
	RateLimitExceeded    = ext("rate_limit_exceeded", 429, "Amount API requests for api_key exceeded 200 requests per minute")
	InternalError        = ext("internal_error", 500, "We have a problem with our server")
	BadGateway           = ext("bad_gateway", 500, "An upstream service answered badly (the contract has no 502)")
	GatewayTimeout       = ext("gateway_timeout", 500, "An upstream service did not answer in time (the contract has no 504)")
	ServiceUnavailable   = ext("service_unavailable", 503, "The service is temporarily unavailable")
	Maintenance          = ext("maintenance", 503, "We are temporarily offline for maintenance")
)

// Roles names the codes a server answers its common failures with:
// missing and invalid credentials, a forbidden call, an unknown resource.
var Roles = struct {
	MissingCredentials, InvalidCredentials, Forbidden, ResourceNotFound apierr.Code
}{Unauthenticated, Unauthenticated, Unauthorized, NotFound}

// ruleCodes maps validation rules (validator/v10 tags) to detail codes.
var ruleCodes = map[string]string{
	"required": "required",
	"lte":      "must_be_less_than_or_equal",
	"max":      "must_be_less_than_or_equal",
	"lt":       "must_be_less_than",
	"gte":      "must_be_greater_than_or_equal",
	"min":      "must_be_greater_than_or_equal",
	"gt":       "must_be_greater_than",
	"eq":       "must_be_equal",
	"len":      "must_be_equal",
	"ne":       "must_not_be_equal",
	"oneof":    "must_be_one_of",
	"type":     "invalid_type",
}

// codeRules is ruleCodes reversed, to the first rule of each code.
var codeRules = map[string]string{
	"required":                      "required",
	"must_be_less_than_or_equal":    "lte",
	"must_be_less_than":             "lt",
	"must_be_greater_than_or_equal": "gte",
	"must_be_greater_than":          "gt",
	"must_be_equal":                 "eq",
	"must_not_be_equal":             "ne",
	"must_be_one_of":                "oneof",
	"invalid_type":                  "type",
}

// RuleCode returns the details code of a validation rule:
// "must_be_less_than_or_equal" for lte and max, "must_be_greater_than" for
// gt, "required" for required, "invalid_<rule>" for other rules of
// lower-case letters, digits and underscores ("invalid_iban"), else "invalid".
func RuleCode(rule string) string {
	if c, ok := ruleCodes[rule]; ok {
		return c
	}
	if isSnake(rule) {
		return "invalid_" + rule
	}
	return "invalid"
}

// ruleOf is RuleCode reversed.
func ruleOf(code string) string {
	if r, ok := codeRules[code]; ok {
		return r
	}
	if r, ok := strings.CutPrefix(code, "invalid_"); ok {
		return r
	}
	return ""
}
