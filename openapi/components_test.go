package openapi

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/getkin/kin-openapi/openapi3"
)

var versions = []Version{V31, V30}

// visit validates value against s as a document of version v does.
func visit(v Version, s *openapi3.Schema, value any) error {
	opts := []openapi3.SchemaValidationOption{openapi3.MultiErrors()}
	if v == V31 {
		opts = append(opts, openapi3.EnableJSONSchema2020())
	}
	return s.VisitJSON(value, opts...)
}

func mustDocument(t testing.TB, c apierr.Contract, v Version) *openapi3.T {
	t.Helper()
	doc, err := Document(c, v)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestDocumentValidates(t *testing.T) {
	for _, c := range []apierr.Contract{apierr.Nexpay, acmeContract, acmeDescribed} {
		for _, v := range versions {
			t.Run(c.Name()+"/"+string(v), func(t *testing.T) {
				doc := mustDocument(t, c, v)
				if err := Validate(doc); err != nil {
					t.Fatal(err)
				}
				// The same, as kin-openapi's loader reads the written document.
				for _, f := range []Format{YAML, JSON} {
					data, err := Marshal(doc, f)
					if err != nil {
						t.Fatal(err)
					}
					loaded, err := openapi3.NewLoader().LoadFromData(data)
					if err != nil {
						t.Fatalf("%s: %v", f, err)
					}
					if err := loaded.Validate(t.Context()); err != nil {
						t.Fatalf("%s: %v", f, err)
					}
					if got, want := loaded.OpenAPI, v.full(); got != want {
						t.Errorf("openapi = %q, want %q", got, want)
					}
				}
			})
		}
	}
}

// TestVersionForms checks each version says nullable and examples its own way.
func TestVersionForms(t *testing.T) {
	for _, v := range versions {
		data, err := Marshal(mustDocument(t, acmeDescribed, v), JSON)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		has := func(sub string) bool { return strings.Contains(s, sub) }
		if v == V31 {
			if !has(`"examples": [`) || !has(`"null"`) || has(`"nullable"`) || has(`"example":`) {
				t.Errorf("3.1 document uses 3.0 forms:\n%s", s)
			}
		} else {
			if has(`"examples": [`) || has(`"null"`) || !has(`"nullable": true`) || !has(`"example":`) {
				t.Errorf("3.0 document uses 3.1 forms:\n%s", s)
			}
		}
	}
}

func TestComponents(t *testing.T) {
	for _, v := range versions {
		comp, err := Components(apierr.Nexpay, v)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"NexpayError", "NexpayErrorDetails", "NexpayFieldError"} {
			if comp.Schemas[name] == nil {
				t.Errorf("%s: no schema %s", v, name)
			}
		}
		codes := apierr.Nexpay.Catalogue().Codes()
		if len(comp.Examples) != len(codes) {
			t.Errorf("%s: %d examples for %d codes", v, len(comp.Examples), len(codes))
		}
		statuses := map[int]bool{}
		for _, code := range codes {
			statuses[code.Status()] = true
			r := comp.Responses[ResponseName(apierr.Nexpay, code.Status())]
			if r == nil {
				t.Fatalf("%s: no response for %d", v, code.Status())
			}
			mt := r.Value.Content["application/json"]
			if mt == nil || mt.Schema.Ref != "#/components/schemas/NexpayError" {
				t.Fatalf("%s: response %d: content %v", v, code.Status(), r.Value.Content)
			}
			ex := mt.Examples[code.ID()]
			if ex == nil || ex.Ref != "#/components/examples/"+ExampleName(apierr.Nexpay, code) {
				t.Errorf("%s: response %d has no example %s", v, code.Status(), code.ID())
			}
			if !strings.Contains(*r.Value.Description, "`"+code.ID()+"`") {
				t.Errorf("%s: response %d does not list %s", v, code.Status(), code.ID())
			}
		}
		if len(comp.Responses) != len(statuses) {
			t.Errorf("%s: %d responses for %d statuses", v, len(comp.Responses), len(statuses))
		}
		for name, r := range comp.Responses {
			status, _ := strconv.Atoi(strings.TrimPrefix(name, "NexpayError"))
			_, retry := r.Value.Headers["Retry-After"]
			if want := status == 429 || status == 503 || status == 409; retry != want {
				t.Errorf("%s: %s: Retry-After documented = %v", v, name, retry)
			}
			for _, h := range []string{"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} {
				if _, ok := r.Value.Headers[h]; ok != (status == 429) {
					t.Errorf("%s: %s: %s documented = %v", v, name, h, ok)
				}
			}
			if r.Value.Headers["X-Request-Id"] == nil {
				t.Errorf("%s: %s: X-Request-Id undocumented", v, name)
			}
			_, allow := r.Value.Headers["Allow"]
			if allow != (status == http.StatusMethodNotAllowed) {
				t.Errorf("%s: %s: Allow documented = %v", v, name, allow)
			}
			if r.Value.Extensions[Marker] != "nexpay" {
				t.Errorf("%s: %s is not marked", v, name)
			}
		}
	}
	if _, err := Components(apierr.Nexpay, "2.0"); err == nil {
		t.Error("version 2.0 accepted")
	}
}

// TestHeaderNames checks the documented names are the middleware's.
func TestHeaderNames(t *testing.T) {
	for doc, mw := range map[string]string{
		headerRequestID:          middleware.RequestIDHeader,
		headerRateLimitLimit:     middleware.HeaderRateLimitLimit,
		headerRateLimitRemaining: middleware.HeaderRateLimitRemaining,
		headerRateLimitReset:     middleware.HeaderRateLimitReset,
	} {
		if doc != mw {
			t.Errorf("documented %q, the middleware sends %q", doc, mw)
		}
	}
}

// TestExamplesMatchSchemas validates every example of both documents, the
// per-code ones and the schemas' own, against its schema.
func TestExamplesMatchSchemas(t *testing.T) {
	for _, c := range []apierr.Contract{apierr.Nexpay, acmeDescribed} {
		for _, v := range versions {
			doc := mustDocument(t, c, v)
			body, _, err := schemasOf(c, v)
			if err != nil {
				t.Fatal(err)
			}
			bodySchema := doc.Components.Schemas[body].Value
			for name, ex := range doc.Components.Examples {
				if err := visit(v, bodySchema, ex.Value.Value); err != nil {
					t.Errorf("%s %s: example %s: %v", c.Name(), v, name, err)
				}
			}
			n := 0
			for name, s := range doc.Components.Schemas {
				examples := s.Value.Examples
				if v == V30 {
					if s.Value.Examples != nil {
						t.Errorf("%s %s: schema %s has examples", c.Name(), v, name)
					}
					examples = nil
					if s.Value.Example != nil {
						examples = []any{s.Value.Example}
					}
				}
				for i, ex := range examples {
					n++
					if err := visit(v, s.Value, ex); err != nil {
						t.Errorf("%s %s: schema %s example %d: %v", c.Name(), v, name, i, err)
					}
				}
			}
			if c == apierr.Nexpay && n == 0 {
				t.Errorf("%s: the schemas show no example", v)
			}
		}
	}
}

// TestSchemaRejects checks the body schema is strict enough to catch drift.
func TestSchemaRejects(t *testing.T) {
	good := `{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}`
	bad := map[string]string{
		"code without brackets": `{"statusCode":404,"code":"PAY0001","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}`,
		"lower-case prefix":     `{"statusCode":404,"code":"[pay0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}`,
		"message without code":  `{"statusCode":404,"code":"[PAY0001]","message":"Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}`,
		"status as string":      `{"statusCode":"404","code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}`,
		"success status":        `{"statusCode":200,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}`,
		"seconds timestamp":     `{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00Z"}`,
		"no timestamp":          `{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found"}`,
		"extra key":             `{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z","error":"x"}`,
		"details not object":    `{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z","details":[]}`,
		"field without message": `{"statusCode":400,"code":"[GEN9002]","message":"[GEN9002] Bad request","timestamp":"2026-01-15T10:30:00.000Z","details":{"fields":[{"field":"a"}]}}`,
		"field in body":         `{"statusCode":400,"code":"[GEN9002]","message":"[GEN9002] Bad request","timestamp":"2026-01-15T10:30:00.000Z","details":{"fields":[{"field":"a","in":"body","message":"m"}]}}`,
	}
	for _, v := range versions {
		s := mustDocument(t, apierr.Nexpay, v).Components.Schemas["NexpayError"].Value
		if err := visit(v, s, decode(t, good)); err != nil {
			t.Fatalf("%s: good body refused: %v", v, err)
		}
		for name, b := range bad {
			if err := visit(v, s, decode(t, b)); err == nil {
				t.Errorf("%s: %s accepted", v, name)
			}
		}
	}
}

func decode(t testing.TB, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%v: %s", err, s)
	}
	return v
}

func TestNames(t *testing.T) {
	if got := ResponseName(apierr.Nexpay, 404); got != "NexpayError404" {
		t.Errorf("ResponseName = %q", got)
	}
	if got := ExampleName(apierr.Nexpay, apierr.PAY0001); got != "NexpayPAY0001" {
		t.Errorf("ExampleName = %q", got)
	}
	if got := ResponseName(acmeContract, 500); got != "AcmePayError500" {
		t.Errorf("ResponseName = %q", got)
	}
	if got := ExampleName(acmeContract, acmeOops); got != "AcmePayoops.internal" {
		t.Errorf("ExampleName = %q", got)
	}
}

func TestOverriddenNexpayKeepsSchemas(t *testing.T) {
	c, err := apierr.Override(apierr.Nexpay, map[apierr.Condition]apierr.Code{apierr.RateLimited: apierr.CHT0002})
	if err != nil {
		t.Fatal(err)
	}
	comp, err := Components(c, V31)
	if err != nil {
		t.Fatal(err)
	}
	if comp.Schemas["NexpayFieldError"] == nil {
		t.Error("an overridden Nexpay lost its schemas")
	}
}

type badProvider struct{ acme }

func (badProvider) ErrorSchemas() (string, map[string][]byte) {
	return "Missing", map[string][]byte{"Other": []byte(`{}`)}
}

type badJSONProvider struct{ acme }

func (badJSONProvider) ErrorSchemas() (string, map[string][]byte) {
	return "B", map[string][]byte{"B": []byte(`{"type":`)}
}

type badNameProvider struct{ acme }

func (badNameProvider) ErrorSchemas() (string, map[string][]byte) {
	return "a b", map[string][]byte{"a b": []byte(`{}`)}
}

func TestBadProviders(t *testing.T) {
	for _, c := range []apierr.Contract{badProvider{acme{acmeCatalogue}}, badJSONProvider{acme{acmeCatalogue}}, badNameProvider{acme{acmeCatalogue}}} {
		for _, v := range versions {
			if _, err := Document(c, v); err == nil || !strings.HasPrefix(err.Error(), "openapi: acme-pay: ") {
				t.Errorf("%T %s: error = %v", c, v, err)
			}
		}
	}
}
