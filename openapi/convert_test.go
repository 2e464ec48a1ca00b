package openapi

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func TestSchemaTo30(t *testing.T) {
	tests := []struct {
		name, in, want, err string
	}{
		{"nullable", `{"type":["string","null"]}`, `{"type":"string","nullable":true}`, ""},
		{"single type array", `{"type":["integer"]}`, `{"type":"integer"}`, ""},
		{"several types", `{"type":["string","integer"]}`, `{"anyOf":[{"type":"string"},{"type":"integer"}]}`, ""},
		{"examples", `{"type":"string","examples":["a","b"]}`, `{"type":"string","example":"a"}`, ""},
		{"no examples", `{"type":"string","examples":[]}`, `{"type":"string"}`, ""},
		{"const", `{"const":"x"}`, `{"enum":["x"]}`, ""},
		{"enum refusing null", `{"type":["string","null"],"enum":["a"]}`, `{"type":"string","enum":["a"]}`, ""},
		{"enum with null", `{"type":["string","null"],"enum":["a",null]}`, `{"type":"string","nullable":true,"enum":["a",null]}`, ""},
		{"exclusive bounds", `{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":10}`, `{"type":"number","minimum":0,"exclusiveMinimum":true,"maximum":10,"exclusiveMaximum":true}`, ""},
		{"dialect keywords dropped", `{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"x","$comment":"c","type":"object"}`, `{"type":"object"}`, ""},
		{"ref siblings dropped", `{"$ref":"#/components/schemas/A","description":"d"}`, `{"$ref":"#/components/schemas/A"}`, ""},
		{"nested", `{"type":"object","properties":{"examples":{"type":["array","null"],"items":{"type":"string","examples":["x"]}},"o":{"allOf":[{"const":1}]}},"additionalProperties":{"type":["integer","null"]}}`,
			`{"type":"object","properties":{"examples":{"type":"array","nullable":true,"items":{"type":"string","example":"x"}},"o":{"allOf":[{"enum":[1]}]}},"additionalProperties":{"type":"integer","nullable":true}}`, ""},
		{"boolean additionalProperties", `{"type":"object","additionalProperties":false}`, `{"type":"object","additionalProperties":false}`, ""},
		{"true schema", `{"items":true}`, `{"items":{}}`, ""},
		{"false schema", `{"type":"array","items":false}`, `{"type":"array","items":{"allOf":[{"type":"string"},{"type":"number"}]}}`, ""},
		{"any value", `{"type":"object","properties":{"v":{"description":"anything"}}}`, `{"type":"object","properties":{"v":{"description":"anything"}}}`, ""},
		{"only null", `{"type":["null"]}`, "", "null only"},
		{"2020-12 keyword", `{"type":"object","properties":{"a":{"prefixItems":[]}}}`, "", "#/properties/a: prefixItems"},
		{"bad examples", `{"examples":"x"}`, "", "examples must be an array"},
		{"not a schema", `[1]`, "", "must be an object"},
		{"not JSON", `{`, "", "unexpected end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := schemaTo30([]byte(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var g, w any
			if err := json.Unmarshal(got, &g); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(tt.want), &w); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func FuzzSchemaTo30(f *testing.F) {
	for _, s := range []string{
		`{"type":["string","null"],"examples":[1]}`, `{"properties":{"a":{"items":true}}}`,
		`{"allOf":[{"const":null}],"not":false}`, `true`, `null`, `{"anyOf":"x"}`,
		`{"properties":[]}`, `{"exclusiveMinimum":1e308}`, `{"type":[null,"null",1]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := schemaTo30(data)
		if err != nil {
			return
		}
		var v any
		if err := json.Unmarshal(out, &v); err != nil {
			t.Fatalf("output is not JSON: %v", err)
		}
		if strings.Contains(string(out), `"examples":[`) && !strings.Contains(string(data), `"examples"`) {
			t.Fatalf("examples appeared from nowhere: %s", out)
		}
	})
}

// TestSchemaTo30Semantics checks a converted schema accepts, under OpenAPI
// 3.0 rules, exactly the values the original accepts under JSON Schema
// 2020-12.
func TestSchemaTo30Semantics(t *testing.T) {
	schemas := []string{
		`{}`, `{"description":"any"}`, `{"type":"string"}`, `{"type":["string","null"]}`,
		`{"const":"x"}`, `{"type":["string","null"],"enum":["a"]}`, `{"type":["string","null"],"enum":["a",null]}`, `{"type":["integer","string"]}`,
		`{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":2}`, `{"not":{"type":"string"}}`,
		`{"type":"object","properties":{"a":{"type":["integer","null"]}},"additionalProperties":false}`,
		`{"type":"array","items":false}`, `{"type":"array","items":true}`,
		`{"type":"array","items":{"type":["boolean","null"]}}`,
	}
	// Schemas where a value without a type meets null.
	untyped := map[string]bool{`{}`: true, `{"description":"any"}`: true, `{"not":{"type":"string"}}`: true, `{"type":"array","items":true}`: true}
	values := []any{nil, "x", "a", 0.0, 1.5, 2.0, 3.0, true, []any{}, []any{nil, true}, []any{"x"},
		map[string]any{}, map[string]any{"a": nil}, map[string]any{"b": 1.0}}
	for _, src := range schemas {
		var s31 openapi3.Schema
		if err := json.Unmarshal([]byte(src), &s31); err != nil {
			t.Fatal(err)
		}
		conv, err := schemaTo30([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var s30 openapi3.Schema
		if err := json.Unmarshal(conv, &s30); err != nil {
			t.Fatal(err)
		}
		for _, v := range values {
			if untyped[src] && hasNull(v) {
				// OpenAPI 3.0.3 lets nullable act only next to a type,
				// so a schema without one takes null; kin-openapi's 3.0
				// validator refuses it all the same.
				continue
			}
			want := s31.VisitJSON(v, openapi3.EnableJSONSchema2020()) == nil
			got := s30.VisitJSON(v) == nil
			if got != want {
				t.Errorf("%s → %s: %#v accepted %v, want %v", src, conv, v, got, want)
			}
		}
	}
}

func hasNull(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case []any:
		return slices.ContainsFunc(v, hasNull)
	case map[string]any:
		for _, x := range v {
			if hasNull(x) {
				return true
			}
		}
	}
	return false
}
