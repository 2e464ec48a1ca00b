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
