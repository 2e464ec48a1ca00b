package openapi

import (
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/getkin/kin-openapi/openapi3"
)

// CodesExtension is the operation extension that lists the codes an
// operation can fail with, by ID: `x-errkit-codes: [PAY0001, QOT0003]`
// (the brackets of "[PAY0001]" are optional). [Merge] documents exactly
// those on the operation, with the ones every operation of its kind meets.
const CodesExtension = "x-errkit-codes"

// IdempotencyHeaders are the header parameters that make an operation one
// that takes an idempotency key, compared case-insensitively.
var IdempotencyHeaders = []string{"Idempotency-Key", "X-Idempotency-Key"}

// SetCodes records on op the codes it can fail with, in its
// [CodesExtension], for [Merge] to document: the Go counterpart of writing
// the extension in the spec. It replaces the codes op listed.
func SetCodes(op *openapi3.Operation, codes ...apierr.Code) {
	ids := make([]any, len(codes))
	for i, c := range codes {
		ids[i] = c.ID()
	}
	if op.Extensions == nil {
		op.Extensions = map[string]any{}
	}
	op.Extensions[CodesExtension] = ids
}

// An Option tunes [Merge] and [AddResponses].
type Option func(*options)

type options struct {
	lookup func(id string) (apierr.Code, bool)
	recode func(apierr.Code) apierr.Code
}

// WithLookup sets how the IDs of a [CodesExtension] are found; by default
// in the contract's catalogue. A server whose handlers return codes of
// another catalogue than its contract's (the contract then answers with
// codes of its own, see [WithRecode]) looks them up there.
func WithLookup(f func(id string) (apierr.Code, bool)) Option {
	return func(o *options) { o.lookup = f }
}

// WithRecode sets the code a server answers with for a code of another
// catalogue than its contract's: the one its classifier gives. By default
// it is the contract's code for the code's status, the rule contracts
// render foreign codes by.
func WithRecode(f func(apierr.Code) apierr.Code) Option {
	return func(o *options) { o.recode = f }
}

func newOptions(c apierr.Contract, opts []Option) *options {
	o := &options{lookup: c.Catalogue().Lookup}
	for _, f := range opts {
		f(o)
	}
	return o
}

// inContract returns the code c answers code with.
func (o *options) inContract(c apierr.Contract, code apierr.Code) apierr.Code {
	if code.Catalogue() == c.Catalogue() {
		return code
	}
	if o.recode != nil {
		if r := o.recode(code); r.Valid() && r.Catalogue() == c.Catalogue() {
			return r
		}
	}
	return c.Code(apierr.ConditionForStatus(code.Status()))
}

// AddResponses documents on op, an operation of doc, the errors it can
// return: one response per status of codes and of the conditions every
// operation of its kind can meet (see [Merge]). Each response shows the
// examples of its codes only, refers to the contract's body schema and
// documents the status's headers. A status op already documents is left as
// it is, unless an earlier AddResponses or [Merge] documented it. doc gets
// c's components first if it lacks them (see [Merge]). Every code must be
// of c's catalogue.
func AddResponses(doc *openapi3.T, op *openapi3.Operation, c apierr.Contract, codes ...apierr.Code) error {
	cat := c.Catalogue()
	for _, code := range codes {
		if code.Catalogue() != cat {
			return fmt.Errorf("openapi: %s is not a code of the %s catalogue", code.ID(), c.Name())
		}
	}
	return addResponses(doc, op, c, codes, newOptions(c, nil))
}

func addResponses(doc *openapi3.T, op *openapi3.Operation, c apierr.Contract, codes []apierr.Code, o *options) error {
	body, _, err := schemasOf(c, V31)
	if err != nil {
		return err
	}
	if doc.Components == nil || doc.Components.Schemas[body] == nil || doc.Components.Schemas[body].Value == nil || placeholder(doc.Components.Schemas[body].Value.Extensions) {
		if err := mergeComponents(doc, c); err != nil {
			return err
		}
	}
	attach(doc, nil, op, c, body, codes, o)
	return resolve(doc)
}

// attach sets op's error responses; it does not resolve doc.
// item is op's path item, or nil: its parameters count as op's.
func attach(doc *openapi3.T, item *openapi3.PathItem, op *openapi3.Operation, c apierr.Contract, body string, codes []apierr.Code, o *options) {
	var all []apierr.Code
	for _, code := range codes {
		all = append(all, o.inContract(c, code))
	}
	for _, cond := range conditionsOf(doc, item, op) {
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
	// What an earlier merge attached goes: the codes may have changed.
	for key, r := range op.Responses.Map() {
		if r != nil && r.Ref == "" && r.Value != nil && ours(r.Value.Extensions, c) {
			op.Responses.Delete(key)
		}
	}
	idem := takesIdempotencyKey(item, op)
	for _, s := range statuses {
		key := strconv.Itoa(s)
		if op.Responses.Value(key) != nil {
			continue
		}
		r := response(c, body, s, byStatus[s])
		if idem {
			r.Headers[headerReplayed] = header(`"true" when the answer is a replay of the first answer to the idempotency key.`,
				openapi3.NewStringSchema().WithEnum("true"))
		}
		op.Responses.Set(key, &openapi3.ResponseRef{Value: r})
	}
}

// conditionsOf returns the conditions every operation of op's kind can
// meet: rate limiting (429), an internal error (500), unavailability and
// maintenance (503) always; missing or bad credentials (401) when it has a
// security requirement; a malformed or invalid request (400, or the
// contract's status for them) when it takes parameters or a body; a body
// too large or of the wrong media type (413, 415) when it takes a body; an
// idempotency key in flight or reused with another request (409, 422) when
// it takes one of [IdempotencyHeaders]. Such an operation's error
// responses document the Idempotent-Replayed header of a replay too.
func conditionsOf(doc *openapi3.T, item *openapi3.PathItem, op *openapi3.Operation) []apierr.Condition {
	conds := []apierr.Condition{apierr.RateLimited, apierr.Internal, apierr.Unavailable, apierr.Maintenance}
	sec := doc.Security
	if op.Security != nil {
		sec = *op.Security
	}
	for _, req := range sec {
		if len(req) > 0 {
			conds = append(conds, apierr.Unauthorized)
			break
		}
	}
	if len(parameters(item, op)) > 0 {
		conds = append(conds, apierr.BadRequest)
	}
	if rb := op.RequestBody; rb != nil && rb.Value != nil && len(rb.Value.Content) > 0 {
		conds = append(conds, apierr.BadRequest, apierr.Validation, apierr.TooLarge, apierr.UnsupportedMediaType)
	}
	if takesIdempotencyKey(item, op) {
		conds = append(conds, apierr.InProgress, apierr.IdempotencyMismatch)
	}
	return conds
}

// parameters returns op's parameters and its path item's.
func parameters(item *openapi3.PathItem, op *openapi3.Operation) []*openapi3.Parameter {
	var out []*openapi3.Parameter
	for _, list := range []openapi3.Parameters{op.Parameters, itemParameters(item)} {
		for _, p := range list {
			if p != nil && p.Value != nil {
				out = append(out, p.Value)
			}
		}
	}
	return out
}

func itemParameters(item *openapi3.PathItem) openapi3.Parameters {
	if item == nil {
		return nil
	}
	return item.Parameters
}

// takesIdempotencyKey reports whether op has a header parameter of
// [IdempotencyHeaders].
func takesIdempotencyKey(item *openapi3.PathItem, op *openapi3.Operation) bool {
	return slices.ContainsFunc(parameters(item, op), func(p *openapi3.Parameter) bool {
		return p.In == openapi3.ParameterInHeader && slices.ContainsFunc(IdempotencyHeaders, func(h string) bool { return strings.EqualFold(h, p.Name) })
	})
}

// isJSON reports whether a media type (range) of a spec is JSON:
// application/json or application/*+json.
func isJSON(mt string) bool {
	t, _, err := mime.ParseMediaType(mt)
	if err != nil {
		return false
	}
	return t == "application/json" || strings.HasPrefix(t, "application/") && strings.HasSuffix(t, "+json")
}

// codesOf reads op's [CodesExtension].
func codesOf(op *openapi3.Operation, o *options) ([]apierr.Code, error) {
	raw, ok := op.Extensions[CodesExtension]
	if !ok {
		return nil, nil
	}
	list, ok := raw.([]any)
	if !ok {
		return nil, fmt.Errorf("%s must be a list of code IDs", CodesExtension)
	}
	codes := make([]apierr.Code, 0, len(list))
	for _, v := range list {
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("%s: %v is not a code ID", CodesExtension, v)
		}
		id := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "["), "]")
		code, ok := o.lookup(id)
		if !ok {
			return nil, fmt.Errorf("%s: unknown code %q", CodesExtension, s)
		}
		codes = append(codes, code)
	}
	return codes, nil
}

// operations calls f for every operation of doc, in path and method order.
func operations(doc *openapi3.T, f func(item *openapi3.PathItem, op *openapi3.Operation) error) error {
	if doc.Paths == nil {
		return nil
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		if item == nil {
			continue
		}
		ops := item.Operations()
		for _, m := range sortedKeys(ops) {
			if err := f(item, ops[m]); err != nil {
				return fmt.Errorf("%s %s: %w", m, path, err)
			}
		}
	}
	return nil
}

// statusText is a status's reason phrase, or "Error <status>".
func statusText(status int) string {
	if t := http.StatusText(status); t != "" {
		return t
	}
	return "Error " + strconv.Itoa(status)
}
