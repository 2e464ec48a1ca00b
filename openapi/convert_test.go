package openapi

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
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
		{"nullable enum", `{"type":["string","null"],"enum":["a"]}`, `{"type":"string","nullable":true,"enum":["a",null]}`, ""},
		{"exclusive bounds", `{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":10}`, `{"type":"number","minimum":0,"exclusiveMinimum":true,"maximum":10,"exclusiveMaximum":true}`, ""},
		{"dialect keywords dropped", `{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"x","$comment":"c","type":"object"}`, `{"type":"object"}`, ""},
		{"ref siblings dropped", `{"$ref":"#/components/schemas/A","description":"d"}`, `{"$ref":"#/components/schemas/A"}`, ""},
		{"nested", `{"type":"object","properties":{"examples":{"type":["array","null"],"items":{"type":"string","examples":["x"]}},"o":{"allOf":[{"const":1}]}},"additionalProperties":{"type":["integer","null"]}}`,
			`{"type":"object","properties":{"examples":{"type":"array","nullable":true,"items":{"type":"string","example":"x"}},"o":{"allOf":[{"enum":[1]}]}},"additionalProperties":{"type":"integer","nullable":true}}`, ""},
		{"boolean additionalProperties", `{"type":"object","additionalProperties":false}`, `{"type":"object","additionalProperties":false}`, ""},
		{"true schema", `{"not":true}`, `{"not":{}}`, ""},
		{"false schema", `{"items":false}`, `{"items":{"not":{}}}`, ""},
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
