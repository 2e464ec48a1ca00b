package validation

import (
	"context"
	"encoding/json"
	"errors"
	"github.com/errkit/errkit/internal/jsonbody"
	"net/http"
	"strconv"

	"github.com/errkit/errkit/apierr"
)

// decodeAndValidate decodes body into dst and validates it. A body whose
// values are of the wrong type (or, with [DisallowUnknownFields], has
// unknown members) is still decoded in full by encoding/json, so the rules
// run on what decoded and their failures are answered together with the
// type errors, in one [apierr.BadRequest]: the type errors first, then the
// rule failures, leaving out those of a field that has a type error or
// lies within one (the mismatched field is named once, with its type
// error). r is nil when there is no request.
func (c *decodeConfig) decodeAndValidate(r *http.Request, body []byte, dst any) error {
	err := decode(body, dst, c)
	if err == nil {
		if c.onlyTypeErrors {
			return nil
		}
		return c.validate(r, dst)
	}
	ce, ok := err.(*apierr.ConditionError)
	if !ok || c.skipValidation || ce.Condition != apierr.BadRequest || len(ce.Fields) == 0 || !decodedInFull(ce.Cause) {
		return err
	}
	verr, ok := c.validateOutside(r, dst, c.mismatched).(*apierr.ConditionError)
	if !ok || verr.Condition != apierr.Validation {
		return err
	}
	ce.Fields = alongside(ce.Fields, verr.Fields)
	return ce
}

// validateOutside is validate leaving out the failures within the paths
// of skip.
func (c *decodeConfig) validateOutside(r *http.Request, dst any, skip []string) error {
	v := c.validator
	if v == nil {
		v = std()
	}
	ctx := context.Background()
	if r != nil {
		ctx = r.Context()
	}
	return v.validateOutside(ctx, r, dst, skip)
}

// decodedInFull reports whether encoding/json went on decoding after err:
// it does after a value of the wrong type and an unknown field, which it
// reports once the value is complete, not after a syntax error or an
// error of a type's own decoder.
func decodedInFull(err error) bool {
	if _, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		return true
	}
	_, ok := jsonbody.UnknownFieldName(err)
	return ok
}

// alongside returns the type errors, then the rule failures, cut at
// [MaxFieldErrors] with one entry saying how many more were found.
func alongside(typeErrs, ruleErrs []apierr.FieldError) []apierr.FieldError {
	more := 0
	out := make([]apierr.FieldError, 0, len(typeErrs)+len(ruleErrs))
	for _, list := range [][]apierr.FieldError{typeErrs, ruleErrs} {
		for _, f := range list {
			if f.Rule == RuleTruncated {
				more += atoi(f.Param)
				continue
			}
			out = append(out, f)
		}
	}
	return capFields(out, more)
}

// within reports whether the field at path is one of paths or lies within
// one ("items[0].amount" lies within "items" and "items[0]"; every field
// lies within "", the body). It looks up path and each of its parents, so
// that a body of many mismatched values costs no more than its length.
func within(path string, paths map[string]bool) bool {
	if paths[""] || paths[path] {
		return true
	}
	for i := 0; i < len(path); i++ {
		if (path[i] == '.' || path[i] == '[') && paths[path[:i]] {
			return true
		}
	}
	return false
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// TypeErrorsFirst returns the field errors of a body that has values of
// the wrong type and fails rules too, as [DecodeJSON] answers it (for a
// checker of its own, such as an OpenAPI request validator): the type
// errors, then the rule failures of the fields outside them (a field with
// a type error, or within one, is named once, with its type error), cut
// at [MaxFieldErrors] with one entry saying how many more were found.
func TypeErrorsFirst(typeErrs, ruleErrs []apierr.FieldError) []apierr.FieldError {
	mismatched := make(map[string]bool, len(typeErrs))
	for _, f := range typeErrs {
		if f.Rule != RuleTruncated {
			mismatched[f.Field] = true
		}
	}
	rest := make([]apierr.FieldError, 0, len(ruleErrs))
	for _, f := range ruleErrs {
		if f.Rule == RuleTruncated || !within(f.Field, mismatched) {
			rest = append(rest, f)
		}
	}
	return alongside(typeErrs, rest)
}
