package openapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// schemaTo30 rewrites a JSON Schema of the OpenAPI 3.1 dialect as an OpenAPI
// 3.0 Schema Object: a type array with "null" becomes a type and nullable,
// examples becomes example (the first), const becomes a one-value enum,
// numeric exclusive bounds become boolean ones, and the 2020-12 keywords 3.0
// does not know are refused rather than silently dropped. A schema without a
// type stays as it is: 3.0.3 lets nullable act only next to a type, so such
// a schema already takes null.
func schemaTo30(data []byte) ([]byte, error) {
	var s any
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, err
	}
	out, err := to30(s, "#")
	if err != nil {
		return nil, err
	}
	return json.Marshal(out)
}

// Keywords of JSON Schema 2020-12 that OpenAPI 3.0 has no word for.
var only31 = []string{
	"prefixItems", "contains", "minContains", "maxContains", "patternProperties",
	"dependentSchemas", "dependentRequired", "propertyNames", "unevaluatedItems",
	"unevaluatedProperties", "if", "then", "else", "$defs", "$dynamicRef",
	"$dynamicAnchor", "$anchor", "contentSchema",
}

func to30(v any, at string) (any, error) {
	if b, ok := v.(bool); ok {
		// Boolean schemas: true accepts anything, false nothing.
		if b {
			return map[string]any{}, nil
		}
		// Nothing is both a string and a number.
		return map[string]any{"allOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "number"}}}, nil
	}
	s, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: a schema must be an object or a boolean", at)
	}
	if ref, ok := s["$ref"]; ok {
		// 3.0 ignores everything next to a $ref.
		return map[string]any{"$ref": ref}, nil
	}
	out := make(map[string]any, len(s))
	for k, val := range s {
		out[k] = val
	}
	for _, k := range only31 {
		if _, ok := out[k]; ok {
			return nil, fmt.Errorf("%s: %s has no OpenAPI 3.0 equivalent", at, k)
		}
	}
	delete(out, "$schema")
	delete(out, "$id")
	delete(out, "$comment")
	delete(out, "contentMediaType")
	delete(out, "contentEncoding")

	if t, ok := out["type"].([]any); ok {
		var types []any
		for _, x := range t {
			if x == "null" {
				out["nullable"] = true
			} else {
				types = append(types, x)
			}
		}
		switch len(types) {
		case 0:
			return nil, fmt.Errorf("%s: a type of null only has no OpenAPI 3.0 equivalent", at)
		case 1:
			out["type"] = types[0]
		default:
			// Several types: one schema per type.
			delete(out, "type")
			anyOf := make([]any, len(types))
			for i, x := range types {
				anyOf[i] = map[string]any{"type": x}
			}
			out["anyOf"] = anyOf
		}
	}
	if ex, ok := out["examples"]; ok {
		delete(out, "examples")
		list, ok := ex.([]any)
		if !ok {
			return nil, fmt.Errorf("%s: examples must be an array", at)
		}
		if len(list) > 0 {
			out["example"] = list[0]
		}
	}
	if c, ok := out["const"]; ok {
		delete(out, "const")
		if _, has := out["enum"]; !has {
			out["enum"] = []any{c}
		}
	}
	for _, b := range [][2]string{{"exclusiveMinimum", "minimum"}, {"exclusiveMaximum", "maximum"}} {
		if n, ok := out[b[0]].(float64); ok {
			out[b[0]] = true
			out[b[1]] = n
		}
	}
	if en, ok := out["enum"].([]any); ok && out["nullable"] == true && !slices.Contains(en, nil) {
		// The enum refuses null whatever the type says; 3.0's nullable
		// would let it through.
		delete(out, "nullable")
	}

	// Sub-schemas.
	for _, k := range []string{"items", "not", "additionalProperties"} {
		sub, ok := out[k]
		if !ok {
			continue
		}
		if b, isBool := sub.(bool); isBool && k == "additionalProperties" {
			out[k] = b
			continue
		}
		conv, err := to30(sub, at+"/"+k)
		if err != nil {
			return nil, err
		}
		out[k] = conv
	}
	for _, k := range []string{"allOf", "anyOf", "oneOf"} {
		sub, ok := out[k]
		if !ok {
			continue
		}
		list, ok := sub.([]any)
		if !ok {
			return nil, fmt.Errorf("%s/%s: must be an array", at, k)
		}
		conv := make([]any, len(list))
		for i, x := range list {
			c, err := to30(x, fmt.Sprintf("%s/%s/%d", at, k, i))
			if err != nil {
				return nil, err
			}
			conv[i] = c
		}
		out[k] = conv
	}
	if props, ok := out["properties"]; ok {
		m, ok := props.(map[string]any)
		if !ok {
			return nil, errors.New(at + "/properties: must be an object")
		}
		conv := make(map[string]any, len(m))
		for name, x := range m {
			c, err := to30(x, at+"/properties/"+name)
			if err != nil {
				return nil, err
			}
			conv[name] = c
		}
		out["properties"] = conv
	}
	return out, nil
}
