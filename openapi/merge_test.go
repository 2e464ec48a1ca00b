package openapi

import (
	"bytes"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/getkin/kin-openapi/openapi3"
)

const userSpec31 = `openapi: 3.1.0
info:
  title: Payments
  version: 2.0.0
paths:
  /v2/payments/{id}:
    get:
      operationId: getPayment
      parameters:
        - name: id
          in: path
          required: true
          schema: {type: string}
      responses:
        "200":
          description: The payment.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Payment'}
        "404":
          $ref: '#/components/responses/NotFound'
components:
  schemas:
    Payment:
      type: object
      properties:
        id: {type: string}
        note: {type: [string, "null"]}
  responses:
    NotFound:
      description: Our own not found.
  examples:
    Mine:
      value: {id: "1"}
`

const userSpec30JSON = `{"openapi":"3.0.3","info":{"title":"P","version":"1"},"paths":{},
 "components":{"schemas":{"Payment":{"type":"object","nullable":true}}}}`

func mustLoad(t testing.TB, spec string) *openapi3.T {
	t.Helper()
	doc, err := Load([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestMerge(t *testing.T) {
	for _, tt := range []struct {
		name, spec string
		v          Version
	}{{"3.1 yaml", userSpec31, V31}, {"3.0 json", userSpec30JSON, V30}} {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustLoad(t, tt.spec)
			if err := Merge(doc, apierr.Nexpay); err != nil {
				t.Fatal(err)
			}
			if err := Validate(doc); err != nil {
				t.Fatal(err)
			}
			want, _ := Components(apierr.Nexpay, tt.v)
			for name := range want.Schemas {
				if doc.Components.Schemas[name] == nil {
					t.Errorf("schema %s not merged", name)
				}
			}
			if len(doc.Paths.Map()) == 0 {
				// A spec without operations gets every component.
				for name := range want.Responses {
					if doc.Components.Responses[name] == nil {
						t.Errorf("response %s not merged", name)
					}
				}
				if len(doc.Components.Examples) < len(want.Examples) {
					t.Errorf("%d examples merged, want %d", len(doc.Components.Examples), len(want.Examples))
				}
			} else {
				// One with operations keeps those something refers to:
				// the examples of the codes they send.
				refs, _ := references(doc)
				for name, e := range doc.Components.Examples {
					if ours(e.Value.Extensions, apierr.Nexpay) && !refs["#/components/examples/"+name] {
						t.Errorf("example %s is kept, but nothing refers to it", name)
					}
				}
				for _, id := range []string{"GEN9002", "GEN9429", "GEN9001", "GEN9013"} {
					if doc.Components.Examples["Nexpay"+id] == nil {
						t.Errorf("example of %s, which the operation sends, is missing", id)
					}
				}
				if doc.Components.Examples["NexpayCHT0001"] != nil || doc.Components.Responses["NexpayError404"] != nil {
					t.Error("components nothing refers to were kept")
				}
			}
			// The spec's own components are untouched.
			p := doc.Components.Schemas["Payment"]
			if p == nil || p.Value.Extensions[Marker] != nil {
				t.Fatal("the spec's Payment schema was changed")
			}
			if tt.v == V31 {
				if d := *doc.Components.Responses["NotFound"].Value.Description; d != "Our own not found." {
					t.Errorf("the spec's NotFound response is now %q", d)
				}
				if doc.Components.Examples["Mine"] == nil {
					t.Error("the spec's example is gone")
				}
				if !doc.Components.Schemas["Payment"].Value.Properties["note"].Value.Type.Includes("null") {
					t.Error("the spec's type array was changed")
				}
			}
			// Version's own forms.
			s := doc.Components.Schemas["NexpayError"].Value
			if (tt.v == V31) != (len(s.Examples) > 0) || (tt.v == V30) != (s.Example != nil) {
				t.Errorf("%s: merged schema has examples %v, example %v", tt.v, s.Examples, s.Example)
			}

			// Merging again changes nothing.
			once, _ := Marshal(doc, YAML)
			if err := Merge(doc, apierr.Nexpay); err != nil {
				t.Fatal(err)
			}
			twice, _ := Marshal(doc, YAML)
			if !bytes.Equal(once, twice) {
				t.Error("a second merge changed the document")
			}
			// Also when the merged document was written and read back.
			again := mustLoad(t, string(once))
			if err := Merge(again, apierr.Nexpay); err != nil {
				t.Fatal(err)
			}
			if got, _ := Marshal(again, YAML); !bytes.Equal(got, once) {
				t.Error("merging into the written document changed it")
			}
		})
	}
}

func TestMergeClash(t *testing.T) {
	spec := strings.Replace(userSpec31, "    Payment:\n", "    NexpayError:\n      type: string\n    Payment:\n", 1)
	spec = strings.Replace(spec, "    NotFound:\n", "    NexpayError404:\n      description: mine\n    NotFound:\n", 1)
	doc := mustLoad(t, spec)
	before, _ := Marshal(doc, YAML)
	err := Merge(doc, apierr.Nexpay)
	if err == nil {
		t.Fatal("a clash was merged")
	}
	for _, want := range []string{"the spec has its own components.schemas.NexpayError, components.responses.NexpayError404;"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if after, _ := Marshal(doc, YAML); !bytes.Equal(before, after) {
		t.Error("a failed merge changed the document")
	}
}

// TestMergeDropsStale checks components an earlier merge added and the
// catalogue no longer needs are removed, and another contract's are kept.
func TestMergeDropsStale(t *testing.T) {
	doc := mustLoad(t, userSpec31)
	stale := openapi3.NewResponse().WithDescription("gone")
	stale.Extensions = map[string]any{Marker: "nexpay"}
	doc.Components.Responses["NexpayError418"] = &openapi3.ResponseRef{Value: stale}
	other := openapi3.NewResponse().WithDescription("other")
	other.Extensions = map[string]any{Marker: "acme-pay"}
	doc.Components.Responses["AcmePayError404"] = &openapi3.ResponseRef{Value: other}
	if err := Merge(doc, apierr.Nexpay); err != nil {
		t.Fatal(err)
	}
	if doc.Components.Responses["NexpayError418"] != nil {
		t.Error("a stale response was kept")
	}
	if doc.Components.Responses["AcmePayError404"] == nil {
		t.Error("another contract's response was dropped")
	}
}

func TestMergeTwoContracts(t *testing.T) {
	doc := mustLoad(t, userSpec30JSON)
	if err := Merge(doc, apierr.Nexpay); err != nil {
		t.Fatal(err)
	}
	if err := Merge(doc, acmeDescribed); err != nil {
		t.Fatal(err)
	}
	if doc.Components.Schemas["NexpayError"] == nil || doc.Components.Schemas["AcmeError"] == nil {
		t.Error("one contract's components are missing")
	}
	if err := Validate(doc); err != nil {
		t.Fatal(err)
	}
}

func TestMergeNoComponents(t *testing.T) {
	doc := mustLoad(t, `{"openapi":"3.1.0","info":{"title":"t","version":"1"}}`)
	if err := Merge(doc, apierr.Nexpay); err != nil {
		t.Fatal(err)
	}
	if err := Validate(doc); err != nil {
		t.Fatal(err)
	}
}

func TestLoadErrors(t *testing.T) {
	for name, spec := range map[string]string{
		"not yaml":      "openapi: [3.1\n",
		"not a mapping": "- 1\n- 2\n",
		"swagger":       `{"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{}}`,
		"no version":    `{"info":{"title":"t","version":"1"},"paths":{}}`,
		"bad ref":       `{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{},"components":{"parameters":{"A":{"$ref":"#/components/parameters/Nope"}}}}`,
		"empty":         ``,
	} {
		if _, err := Load([]byte(spec)); err == nil || !strings.HasPrefix(err.Error(), "openapi: ") {
			t.Errorf("%s: error = %v", name, err)
		}
	}
}

func FuzzLoadMerge(f *testing.F) {
	for _, s := range []string{userSpec31, userSpec30JSON, `{"openapi":"3.1.0"}`, `openapi: 3.0.0`, "{", "components: 1", `{"openapi":"3.0.3","components":{"schemas":{"NexpayError":{}}}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Load(data)
		if err != nil {
			return
		}
		_ = Merge(doc, apierr.Nexpay)
	})
}
