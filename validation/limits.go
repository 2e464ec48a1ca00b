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

// CapFields cuts fields to [MaxFieldErrors], ending the list with one entry
// of rule [RuleTruncated] that says how many were left out; a list within
// the bound is returned as it is. Other checkers of a request (package
// openapi's) use it so that every list is bounded alike.
func CapFields(fields []apierr.FieldError) []apierr.FieldError { return capFields(fields, 0) }

// capFields is [CapFields] that also counts more field errors found beyond
// the list.
func capFields(fields []apierr.FieldError, more int) []apierr.FieldError {
	if over := len(fields) - MaxFieldErrors; over > 0 {
		more += over
		fields = fields[:MaxFieldErrors:MaxFieldErrors] // the entry appended never overwrites the caller's list
	}
	if more > 0 {
		fields = append(fields, truncatedField(more))
	}
	return fields
}
