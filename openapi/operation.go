package openapi

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/errkit/errkit/apierr"
	"github.com/getkin/kin-openapi/openapi3"
)

// generic are the conditions every operation can meet, whatever it does: a
// malformed request, missing credentials, rate limiting, an internal error,
// and the service being unavailable or in maintenance. In Nexpay v2 they are
// answered with 400, 401, 429, 500 and 503.
var generic = []apierr.Condition{
	apierr.BadRequest, apierr.Unauthorized, apierr.RateLimited,
	apierr.Internal, apierr.Unavailable, apierr.Maintenance,
}

// AddResponses documents on op, an operation of doc, the errors it can
// return: one response per status of codes and of the contract's codes for
// the conditions every operation can meet (a malformed request, missing
// credentials, rate limiting, an internal error, unavailability and
// maintenance: 400, 401, 429, 500 and 503 in Nexpay v2). Each response shows
// the examples of its codes only, refers to the contract's body schema and
// documents the status's headers. A status op already documents is left as
// it is. doc gets c's components first if it lacks them (see [Merge]).
// Every code must be of c's catalogue.
func AddResponses(doc *openapi3.T, op *openapi3.Operation, c apierr.Contract, codes ...apierr.Code) error {
	cat := c.Catalogue()
	for _, code := range codes {
		if code.Catalogue() != cat {
			return fmt.Errorf("openapi: %s is not a code of the %s catalogue", code.ID(), c.Name())
		}
	}
	body, _, err := schemasOf(c, V31)
	if err != nil {
		return err
	}
	if doc.Components == nil || doc.Components.Schemas[body] == nil {
		if err := Merge(doc, c); err != nil {
			return err
		}
	}
	all := slices.Clone(codes)
	for _, cond := range generic {
		all = append(all, c.Code(cond))
	}
	byStatus := map[int][]apierr.Code{}
	var statuses []int
	for _, code := range all {
		s := code.Status()
		if slices.Contains(byStatus[s], code) {
			continue
		}
		if byStatus[s] == nil {
			statuses = append(statuses, s)
		}
		byStatus[s] = append(byStatus[s], code)
	}
	slices.Sort(statuses)
	if op.Responses == nil {
		op.Responses = openapi3.NewResponses()
	}
	for _, s := range statuses {
		key := strconv.Itoa(s)
		if op.Responses.Value(key) != nil {
			continue
		}
		r := response(c, body, s, byStatus[s])
		r.Extensions = nil
		op.Responses.Set(key, &openapi3.ResponseRef{Value: r})
	}
	return resolve(doc)
}
