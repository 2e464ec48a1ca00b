package openapi

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/errkit/errkit/apierr"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// StandardHeaders are the response headers [Validator.CheckResponse]
// allows on every response, documented or not: those of HTTP itself
// (framing, caching, content negotiation) and nosniff.
var StandardHeaders = []string{
	"Cache-Control", "Connection", "Content-Encoding", "Content-Language", "Content-Length",
	"Content-Type", "Date", "ETag", "Expires", "Keep-Alive", "Last-Modified", "Pragma", "Server",
	"Strict-Transport-Security", "Trailer", "Transfer-Encoding", "Vary", "X-Content-Type-Options",
}

// CheckResponse checks a response the server sent to r, for tests: it
// fails on a status the operation does not document, a header that is
// neither documented for that status nor one of [StandardHeaders], a
// required header missing (X-Request-Id on every response errkit
// documents), a documented header whose value its schema refuses, a
// Content-Type the response does not list, and a body its schema refuses.
// With [OutsideOperations], an error body of a response errkit documented
// in that contract is parsed too, and fails when its code is not one the
// response lists. body is the whole body as received. A request for no
// operation of the document (an unknown route, a method the path lacks) is
// held to the contract's response for the status (see
// [OutsideOperations]).
func (v *Validator) CheckResponse(r *http.Request, status int, header http.Header, body []byte) error {
	route, params, err := v.find(r)
	where := r.Method + " " + r.URL.Path
	if err != nil {
		resp := v.componentResponse(status)
		if resp == nil {
			return fmt.Errorf("openapi: %s: %d: no operation of the document matches (%v), and it has no component response for the status", where, status, err)
		}
		responses := openapi3.NewResponses()
		responses.Set(strconv.Itoa(status), resp)
		route = &routers.Route{Spec: v.doc, PathItem: &openapi3.PathItem{}, Method: r.Method,
			Operation: &openapi3.Operation{Responses: responses}}
		where += " (no operation)"
	} else {
		where = r.Method + " " + route.Path
	}
	responses := route.Operation.Responses
	ref := responses.Status(status)
	if ref == nil {
		ref = responses.Default()
	}
	if ref == nil || ref.Value == nil {
		return fmt.Errorf("openapi: %s: status %d is not documented (documented: %s)", where, status, strings.Join(responses.Keys(), ", "))
	}
	for name := range header {
		if slices.ContainsFunc(StandardHeaders, func(h string) bool { return strings.EqualFold(h, name) }) {
			continue
		}
		documented := false
		for h := range ref.Value.Headers {
			if strings.EqualFold(h, name) {
				documented = true
				break
			}
		}
		if !documented {
			return fmt.Errorf("openapi: %s: %d: header %s is not documented", where, status, name)
		}
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true,
			SchemaValidationOptions: schemaOptions()},
	}
	if r.Method == http.MethodHead {
		// openapi3filter skips HEAD; its headers are a GET's.
		g := r.Clone(r.Context())
		g.Method = http.MethodGet
		in.RequestValidationInput.Request = g
		in.Options.ExcludeResponseBody = true
	}
	if err := openapi3filter.ValidateResponse(r.Context(), in); err != nil {
		return fmt.Errorf("openapi: %s: %d: %w", where, status, err)
	}
	if r.Method != http.MethodHead {
		if err := v.checkCode(ref.Value, status, body); err != nil {
			return fmt.Errorf("openapi: %s: %d: %w", where, status, err)
		}
	}
	return nil
}

// checkCode fails on an error body whose code the response does not list
// (by its examples, one per code), for a response errkit documented in the
// contract of [OutsideOperations]: the only contract whose bodies the
// validator can read.
func (v *Validator) checkCode(resp *openapi3.Response, status int, body []byte) error {
	if v.contract == nil || status < 400 || len(body) == 0 || resp.Extensions[Marker] != v.contract.Name() {
		return nil
	}
	var listed []string
	for _, mt := range resp.Content {
		for id := range mt.Examples {
			if !slices.Contains(listed, id) {
				listed = append(listed, id)
			}
		}
	}
	if len(listed) == 0 {
		return nil
	}
	e, err := v.contract.Parse(status, body)
	if err != nil {
		return fmt.Errorf("the body is not a %s error: %w", v.contract.Name(), err)
	}
	if !slices.Contains(listed, e.ID()) && !v.readsAsListed(listed, status, e) {
		slices.Sort(listed)
		return fmt.Errorf("code %s is not among the codes the response lists (%s)", e.ID(), strings.Join(listed, ", "))
	}
	return nil
}

// readsAsListed reports whether e, parsed from a body, could have been
// sent as one of the listed codes: a contract whose codes share a wire code
// (Payout's field codes all send validation_error) tells them apart by
// their message only, so a listed code sent with a custom message, or one
// the contract sends under another's wire code, parses as another code.
// Each listed code is rendered with e's message and parsed back; the body
// reads as listed when one of them parses as e does.
func (v *Validator) readsAsListed(listed []string, status int, e *apierr.Error) bool {
	for _, id := range listed {
		code, ok := v.contract.Catalogue().Lookup(id)
		if !ok || code.Status() != status {
			continue
		}
		body, err := apierr.AppendBody(nil, v.contract, apierr.New(code).Msg(e.Text()), apierr.Meta{})
		if err != nil {
			continue
		}
		if p, err := v.contract.Parse(status, body); err == nil && p.ID() == e.ID() {
			return true
		}
	}
	return false
}

// componentResponse returns the response of [OutsideOperations]'s contract
// for status, else a component response an errkit merge wrote for it, of
// any contract.
func (v *Validator) componentResponse(status int) *openapi3.ResponseRef {
	if v.outside != nil {
		return v.outside.Components.Responses[ResponseName(v.contract, status)]
	}
	if v.doc.Components == nil {
		return nil
	}
	suffix := "Error" + strconv.Itoa(status)
	for _, name := range sortedKeys(v.doc.Components.Responses) {
		r := v.doc.Components.Responses[name]
		if strings.HasSuffix(name, suffix) && r != nil && r.Value != nil && r.Value.Extensions[Marker] != nil {
			return r
		}
	}
	return nil
}
