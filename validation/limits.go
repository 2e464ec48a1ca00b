package validation

import (
	"strconv"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/jsonbody"
)

// Bounds of what an answer repeats of a request, so that a hostile body
// cannot make a large one.
const (
	// MaxFieldErrors is the most field errors one failure lists; one more
	// entry, of rule [RuleTruncated], says how many were left out.
	MaxFieldErrors = 50
	// MaxKeyBytes is the longest member name or map key from the body
	// repeated in a field path; a longer one is cut and ends in "…".
	MaxKeyBytes = jsonbody.MaxKeyBytes
)

// RuleTruncated is the rule of the last field error of a list cut at
// [MaxFieldErrors]: its param is the number of field errors left out.
const RuleTruncated = "truncated"

// truncatedField is the entry that ends a list n field errors short.
func truncatedField(n int) apierr.FieldError {
	msg := "and " + strconv.Itoa(n) + " more problems were not listed"
	if n == 1 {
		msg = "and 1 more problem was not listed"
	}
	return apierr.FieldError{Rule: RuleTruncated, Param: strconv.Itoa(n), Message: msg}
}

// capFields cuts fields to [MaxFieldErrors], saying how many of them and of
// the more found beyond them were left out.
func capFields(fields []apierr.FieldError, more int) []apierr.FieldError {
	if over := len(fields) - MaxFieldErrors; over > 0 {
		more += over
		fields = fields[:MaxFieldErrors]
	}
	if more > 0 {
		fields = append(fields, truncatedField(more))
	}
	return fields
}
