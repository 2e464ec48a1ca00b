package openapi

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/getkin/kin-openapi/openapi3"
)

// Marker is the extension every generated component carries, set to the
// contract's name: [Merge] replaces the components that carry it and never
// touches the others.
const Marker = "x-errkit-contract"

// exampleTime is the timestamp of every generated example, as in the
// provider's documentation.
var exampleTime = time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC)

// Components returns contract c's error components for version v:
// components.schemas from its [SchemaProvider]; components.examples with one
// body per code of its catalogue, rendered by the contract with the
// timestamp 2026-01-15T10:30:00.000Z; and components.responses with one
// response per status the catalogue uses, each naming its codes' examples.
// Every response documents X-Request-Id, required; 429 and 503 Retry-After, 429 the
// RateLimit fields, the conflict status Retry-After (an idempotency key in
// progress), 405 and the status of c's method-not-allowed code Allow, 401
// and the status of c's unauthorized code WWW-Authenticate.
func Components(c apierr.Contract, v Version) (*openapi3.Components, error) {
	if !v.valid() {
		return nil, fmt.Errorf("openapi: unknown version %q (want 3.1 or 3.0)", v)
	}
	body, schemas, err := schemasOf(c, v)
	if err != nil {
		return nil, err
	}
	comp := &openapi3.Components{
		Schemas:   schemas,
		Examples:  openapi3.Examples{},
		Responses: openapi3.ResponseBodies{},
	}
	for _, s := range schemas {
		mark(&s.Value.Extensions, c)
	}
	byStatus := map[int][]apierr.Code{}
	for _, code := range c.Catalogue().Codes() {
		ex, err := example(c, code)
		if err != nil {
			return nil, err
		}
		comp.Examples[ExampleName(c, code)] = &openapi3.ExampleRef{Value: ex}
		byStatus[code.Status()] = append(byStatus[code.Status()], code)
	}
	for status, codes := range byStatus {
		comp.Responses[ResponseName(c, status)] = &openapi3.ResponseRef{Value: response(c, body, status, codes)}
	}
	return comp, nil
}

// ResponseName returns the name of c's component response for an HTTP
// status: "NexpayError404".
func ResponseName(c apierr.Contract, status int) string {
	return prefix(c) + "Error" + strconv.Itoa(status)
}

// ExampleName returns the name of the component example of a code:
// "NexpayPAY0001".
func ExampleName(c apierr.Contract, code apierr.Code) string {
	id := []byte(code.ID())
	for i, b := range id {
		if !validComponentName(string(b)) {
			id[i] = '_'
		}
	}
	return prefix(c) + string(id)
}

// prefix turns a contract's name into the prefix of its component names:
// "nexpay" is "Nexpay", "nexpay-legacy" "NexpayLegacy".
func prefix(c apierr.Contract) string {
	var b strings.Builder
	up := true
	for _, r := range c.Name() {
		switch {
		case r >= 'a' && r <= 'z':
			if up {
				r -= 'a' - 'A'
			}
			b.WriteRune(r)
			up = false
		case r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			up = false
		default:
			up = true
		}
	}
	if b.Len() == 0 {
		return "Contract"
	}
	return b.String()
}

func mark(ext *map[string]any, c apierr.Contract) {
	if *ext == nil {
		*ext = map[string]any{}
	}
	(*ext)[Marker] = c.Name()
}

// example renders a code's body as the contract sends it, at exampleTime.
func example(c apierr.Contract, code apierr.Code) (*openapi3.Example, error) {
	b, err := apierr.AppendBody(nil, c, apierr.New(code).At(exampleTime), apierr.Meta{})
	if err != nil {
		return nil, fmt.Errorf("openapi: %s: render %s: %w", c.Name(), code.ID(), err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("openapi: %s: the body of %s is not JSON: %w", c.Name(), code.ID(), err)
	}
	ex := &openapi3.Example{Summary: code.Message(), Value: v}
	if d := code.Description(); d != "" {
		ex.Description = d
	}
	if code.Extension() {
		ex.Description = strings.TrimSpace(ex.Description + " An errkit extension code: the provider documents none for this case.")
	}
	mark(&ex.Extensions, c)
	return ex, nil
}

// mediaType is the contract's Content-Type without parameters.
func mediaType(c apierr.Contract) string {
	mt, _, err := mime.ParseMediaType(c.ContentType())
	if err != nil {
		return "application/json"
	}
	return mt
}

// response documents one status: its codes, the body schema, an example per
// code (a reference to the component example) and the headers the status
// carries.
func response(c apierr.Contract, body string, status int, codes []apierr.Code) *openapi3.Response {
	var desc strings.Builder
	desc.WriteString(http.StatusText(status))
	if desc.Len() == 0 {
		desc.WriteString("Error " + strconv.Itoa(status))
	}
	desc.WriteString(". Codes:\n")
	mt := &openapi3.MediaType{
		Schema:   openapi3.NewSchemaRef("#/components/schemas/"+body, nil),
		Examples: openapi3.Examples{},
	}
	for _, code := range codes {
		fmt.Fprintf(&desc, "\n- `%s` %s", code.ID(), code.Message())
		if code.Extension() {
			desc.WriteString(" (errkit extension)")
		}
		mt.Examples[code.ID()] = &openapi3.ExampleRef{Ref: "#/components/examples/" + ExampleName(c, code)}
	}
	r := openapi3.NewResponse().WithDescription(desc.String())
	r.Content = openapi3.Content{mediaType(c): mt}
	r.Headers = headers(c, status)
	mark(&r.Extensions, c)
	return r
}

// Response headers errkit's middleware sends that the documents name. The
// rate-limit ones follow the IETF draft "RateLimit header fields for HTTP"
// (draft-ietf-httpapi-ratelimit-headers), as the middleware sends them.
const (
	headerRequestID          = "X-Request-Id"
	headerRetryAfter         = "Retry-After"
	headerRateLimitLimit     = "RateLimit-Limit"
	headerRateLimitRemaining = "RateLimit-Remaining"
	headerRateLimitReset     = "RateLimit-Reset"
	headerReplayed           = "Idempotent-Replayed"
)

// headers returns the headers a response of status documents: X-Request-Id
// on every one, required; Retry-After on 429, 503 and the statuses of c's rate-limit,
// maintenance and unavailable codes, and on the status of its conflict code
// (a request whose idempotency key is still in progress); the RateLimit
// fields on 429 and the status of c's rate-limit code; Allow on 405.
func headers(c apierr.Contract, status int) openapi3.Headers {
	h := openapi3.Headers{
		headerRequestID: requiredHeader("The request's ID, as the server logs it: the client's own X-Request-Id when valid, "+
			"else a new one.", openapi3.NewStringSchema()),
	}
	limited := status == http.StatusTooManyRequests || status == c.Code(apierr.RateLimited).Status()
	retry := limited || status == http.StatusServiceUnavailable
	for _, cond := range []apierr.Condition{apierr.Unavailable, apierr.Maintenance} {
		retry = retry || status == c.Code(cond).Status()
	}
	inFlight := status == c.Code(apierr.InProgress).Status()
	switch {
	case retry && inFlight:
		h[headerRetryAfter] = header("Seconds to wait before retrying: sent when rate limited, in maintenance mode "+
			"or unavailable when known, and when a request with the same idempotency key is still in progress.",
			openapi3.NewIntegerSchema().WithMin(1))
	case retry:
		d := "Seconds to wait before retrying."
		if status == http.StatusServiceUnavailable {
			d = "Seconds until the service is expected back: sent in maintenance mode, and otherwise when known."
		}
		h[headerRetryAfter] = header(d, openapi3.NewIntegerSchema().WithMin(1))
	case inFlight:
		h[headerRetryAfter] = header("Seconds to wait before retrying: sent when a request with the same "+
			"idempotency key is still in progress.", openapi3.NewIntegerSchema().WithMin(1))
	}
	if limited {
		h[headerRateLimitLimit] = header("Requests allowed in the rate-limit window (the quota), when the limiter knows it.",
			openapi3.NewIntegerSchema().WithMin(1))
		h[headerRateLimitRemaining] = header("Requests left in the window: 0 on this answer.",
			openapi3.NewIntegerSchema().WithMin(0))
		h[headerRateLimitReset] = header("Seconds until a request is allowed again.",
			openapi3.NewIntegerSchema().WithMin(1))
	}
	if status == http.StatusMethodNotAllowed || status == c.Code(apierr.MethodNotAllowed).Status() {
		h["Allow"] = header("The methods the route takes: sent when the route exists but not for the method.", openapi3.NewStringSchema())
	}
	if status == http.StatusUnauthorized || status == c.Code(apierr.Unauthorized).Status() {
		h["WWW-Authenticate"] = header("The authentication scheme the request lacks or failed, when the server names it.",
			openapi3.NewStringSchema())
	}
	return h
}

func header(description string, s *openapi3.Schema) *openapi3.HeaderRef {
	return &openapi3.HeaderRef{Value: &openapi3.Header{Parameter: openapi3.Parameter{
		Description: description,
		Schema:      openapi3.NewSchemaRef("", s),
	}}}
}

// requiredHeader is a header every response of its kind carries.
func requiredHeader(description string, s *openapi3.Schema) *openapi3.HeaderRef {
	h := header(description, s)
	h.Value.Required = true
	return h
}
