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
