package openapi

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/validation"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// DefaultMaxBody is the largest JSON request body a [Validator] reads,
// unless [MaxBody] says otherwise: the validation package's default too.
const DefaultMaxBody = 1 << 20

// A Validator holds requests, and in tests responses, to a document, with
// kin-openapi's openapi3filter. Build it once with [NewValidator]; it is
// safe for concurrent use.
type Validator struct {
	doc      *openapi3.T
	router   routers.Router
	maxBody  int64
	contract apierr.Contract
	outside  *openapi3.T // the contract's own document, for answers outside operations
}

// A ValidatorOption tunes a [Validator].
type ValidatorOption func(*Validator)

// MaxBody sets the largest JSON request body the validator reads: a larger
// one is answered with [apierr.TooLarge], as the validation package
// answers it. It should be the limit the handlers apply.
func MaxBody(n int64) ValidatorOption { return func(v *Validator) { v.maxBody = n } }

// OutsideOperations names the contract the server answers in, for
// [Validator.CheckResponse]. Answers to requests that no operation matches
// (an unknown route, a method the path lacks, or a request refused before
// routing: missing credentials, rate limiting, maintenance) are held to
// the contract's response for the status ([Components]); without it, to
// the document's own component responses of errkit, which a merge keeps
// only where the spec refers to them. And the error bodies of the
// responses errkit documented in that contract are parsed with it: their
// code must be one the response lists.
func OutsideOperations(c apierr.Contract) ValidatorOption {
	return func(v *Validator) { v.contract = c }
}

// NewValidator returns a Validator of doc, which must validate ([Validate]).
// Operations are matched on the request's path as it is: the document's
// servers are not taken into account. doc must not change afterwards.
func NewValidator(doc *openapi3.T, opts ...ValidatorOption) (*Validator, error) {
	if left := placeholders(doc); len(left) > 0 {
		return nil, fmt.Errorf("openapi: the spec refers to %s, which it does not define", strings.Join(left, ", "))
	}
	local := *doc
	local.Servers = nil
	r, err := legacy.NewRouter(&local)
	if err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	v := &Validator{doc: &local, router: r, maxBody: DefaultMaxBody}
	for _, o := range opts {
		o(v)
	}
	if v.contract != nil {
		ver, err := versionOf(doc)
		if err != nil {
			return nil, err
		}
		if v.outside, err = Document(v.contract, ver); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// find returns the operation r is for; HEAD is matched as GET where the
// document has no HEAD operation.
func (v *Validator) find(r *http.Request) (*routers.Route, map[string]string, error) {
	route, params, err := v.router.FindRoute(r)
	if err != nil && r.Method == http.MethodHead {
		g := r.Clone(r.Context())
		g.Method = http.MethodGet
		route, params, err = v.router.FindRoute(g)
	}
	return route, params, err
}

// Handler returns next behind [Validator.CheckRequest]: a request the
// document does not allow is answered by [middleware.Error], in the
// contract of the middleware that guards the handler.
func (v *Validator) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := v.CheckRequest(r); err != nil {
			middleware.Error(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// CheckRequest checks r's parameters and body against the operation it is
// for, and returns nil or an [*apierr.ConditionError] in the terms of the
// validation package, so that a request fails the same whether the
// document or a struct's validate tags catch it:
//
//   - a body of a media type the operation does not take:
//     [apierr.UnsupportedMediaType];
//   - a JSON body over [MaxBody], not JSON, or missing when required: the
//     validation package's [apierr.TooLarge] and [apierr.BadRequest];
//   - values of the wrong type, in the body or in parameters:
//     [apierr.BadRequest], a field error of rule "type" each, then the
//     other violations of the fields outside them
//     ([validation.TypeErrorsFirst]);
//   - any other violation: [apierr.Validation], one field error per
//     violation, each on its JSON path from the body's root
//     ("items[0].amount") or named by its parameter with In set, its rule
//     named as the validation package names it (required, min, max, oneof,
//     ...; else the schema keyword).
//
// Formats (uuid, email, uri, date-time, ...) are asserted. A request for
// no operation of the document passes: the router answers it. Security
// requirements are the server's to check; bodies that are not JSON
// (multipart uploads) are checked for their media type only. The body is
// read and put back for the handler.
func (v *Validator) CheckRequest(r *http.Request) error {
	route, params, err := v.find(r)
	if err != nil {
		return nil
	}
	opts := &openapi3filter.Options{
		MultiError:              true,
		AuthenticationFunc:      openapi3filter.NoopAuthenticationFunc,
		SkipSettingDefaults:     true,
		SchemaValidationOptions: schemaOptions(),
	}
	if rb := route.Operation.RequestBody; rb != nil && rb.Value != nil {
		if err := v.readBody(r, rb.Value, opts); err != nil {
			return err
		}
	}
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: opts}
	err = openapi3filter.ValidateRequest(r.Context(), in)
	if err == nil {
		return nil
	}
	return conditionOf(err)
}

// readBody checks the body's media type and, for JSON, reads it (put back
// for the handler) and refuses what the validation package refuses before
// any rule: too large, not JSON, missing.
func (v *Validator) readBody(r *http.Request, rb *openapi3.RequestBody, opts *openapi3filter.Options) error {
	present := r.Body != nil && r.Body != http.NoBody && r.ContentLength != 0
	if !present {
		if rb.Required {
			return validation.DecodeError(io.EOF)
		}
		opts.ExcludeRequestBody = true
		return nil
	}
	ct := r.Header.Get("Content-Type")
	if ct == "" || rb.Content.Get(ct) == nil {
		types := slices.Sorted(func(yield func(string) bool) {
			for mt := range rb.Content {
				if !yield(mt) {
					return
				}
			}
		})
		return &apierr.ConditionError{
			Condition: apierr.UnsupportedMediaType,
			Message:   "Request body must be " + strings.Join(types, " or "),
		}
	}
	if !isJSON(ct) {
		opts.ExcludeRequestBody = true
		return nil
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, v.maxBody))
	_ = r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return validation.DecodeError(err)
	}
	if len(body) == 0 && !rb.Required {
		opts.ExcludeRequestBody = true
		return nil
	}
	var x any
	if err := validation.Decode(body, &x, validation.MaxBytes(v.maxBody)); err != nil {
		return err
	}
	return nil
}

// conditionOf turns openapi3filter's errors into a condition.
func conditionOf(err error) error {
	var typed, others []apierr.FieldError
	type key struct{ field, in string }
	seen := map[key]bool{}
	add := func(fs ...apierr.FieldError) {
		for _, f := range fs {
			// One error per field, as validator/v10 stops at a field's
			// first failed rule: the first is kept.
			k := key{f.Field, f.In}
			if seen[k] && f.Field != "" {
				continue
			}
			seen[k] = true
			if f.Rule == "type" {
				typed = append(typed, f)
			} else {
				others = append(others, f)
			}
		}
	}
	var errs []error
	if me, ok := err.(openapi3.MultiError); ok {
		errs = me
	} else {
		errs = []error{err}
	}
	var malformed error
	for _, e := range errs {
		var re *openapi3filter.RequestError
		if !errors.As(e, &re) {
			malformed = e
			continue
		}
		switch {
		case re.Parameter != nil:
			add(paramFields(re)...)
		case re.RequestBody != nil:
			fs := schemaFields(re.Err, "", "")
			if len(fs) == 0 {
				malformed = e
			}
			add(fs...)
		default:
			malformed = e
		}
	}
	switch {
	case len(typed) > 0:
		// As the validation package answers: the type errors, then the
		// rules the rest of the body fails.
		return (&apierr.ConditionError{Condition: apierr.BadRequest, Cause: err}).WithFields(validation.TypeErrorsFirst(typed, others)...)
	case len(others) > 0:
		return (&apierr.ConditionError{Condition: apierr.Validation, Cause: err}).WithFields(validation.CapFields(others)...)
	}
	return &apierr.ConditionError{Condition: apierr.BadRequest, Cause: malformed}
}

// paramFields are the field errors of a parameter.
func paramFields(re *openapi3filter.RequestError) []apierr.FieldError {
	p := re.Parameter
	label := p.In + " parameter " + p.Name
	switch {
	case errors.Is(re.Err, openapi3filter.ErrInvalidRequired), errors.Is(re.Err, openapi3filter.ErrInvalidEmptyValue):
		return []apierr.FieldError{{Field: p.Name, In: p.In, Rule: "required", Message: label + " is required"}}
	}
	var pe *openapi3filter.ParseError
	if errors.As(re.Err, &pe) {
		want := ""
		if p.Schema != nil && p.Schema.Value != nil && p.Schema.Value.Type != nil && len(p.Schema.Value.Type.Slice()) > 0 {
			want = p.Schema.Value.Type.Slice()[0]
		}
		return []apierr.FieldError{typeField(p.Name, p.In, label, want)}
	}
	fs := schemaFields(re.Err, p.In, label)
	for i := range fs {
		// A parameter's own value is the field, not a path inside it.
		if fs[i].Field == "" || fs[i].In != "" {
			fs[i].Field = p.Name
		}
	}
	if len(fs) == 0 {
		return []apierr.FieldError{{Field: p.Name, In: p.In, Rule: "invalid", Message: label + " has an invalid value"}}
	}
	return fs
}

func typeField(field, in, label, want string) apierr.FieldError {
	return apierr.FieldError{Field: field, In: in, Rule: "type", Param: want, Message: label + " " + typeSays(want)}
}
