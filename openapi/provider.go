package openapi

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/errkit/errkit/apierr"
	"github.com/getkin/kin-openapi/openapi3"
)

// A SchemaProvider is a contract that describes its error body as JSON
// Schema. Contracts implement it with standard-library types only, so they
// need not import an OpenAPI library.
//
// ErrorSchemas returns JSON Schema documents in the OpenAPI 3.1 dialect (type
// arrays for nullable values, examples as an array), keyed by component
// name; references between them are written "#/components/schemas/<name>".
// body is the name of the error body's schema. For OpenAPI 3.0 documents the
// package rewrites them in that version's terms (nullable, one example).
type SchemaProvider interface {
	// ErrorSchemas returns the error body's schema name and the schemas,
	// as above.
	ErrorSchemas() (body string, schemas map[string][]byte)
}

// schemasOf returns the contract's schemas for version v and the name of the
// body's schema.
func schemasOf(c apierr.Contract, v Version) (string, openapi3.Schemas, error) {
	p, ok := c.(SchemaProvider)
	for u, wraps := c.(interface{ Unwrap() apierr.Contract }); !ok && wraps; u, wraps = u.Unwrap().(interface{ Unwrap() apierr.Contract }) {
		// A contract with some conditions overridden (apierr.Override):
		// the same body as the contract it wraps.
		p, ok = u.Unwrap().(SchemaProvider)
	}
	if !ok {
		name := prefix(c) + "Error"
		s := openapi3.NewObjectSchema()
		s.Description = fmt.Sprintf("An error body of the %s contract; the responses show one per code.", c.Name())
		return name, openapi3.Schemas{name: openapi3.NewSchemaRef("", s)}, nil
	}
	body, raw := p.ErrorSchemas()
	if _, ok := raw[body]; !ok {
		return "", nil, fmt.Errorf("openapi: %s: the body schema %q is not among the schemas", c.Name(), body)
	}
	names := make([]string, 0, len(raw))
	for name := range raw {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make(openapi3.Schemas, len(raw))
	for _, name := range names {
		if !validComponentName(name) {
			return "", nil, fmt.Errorf("openapi: %s: schema name %q is not a valid component name", c.Name(), name)
		}
		data := raw[name]
		if v == V30 {
			var err error
			if data, err = schemaTo30(data); err != nil {
				return "", nil, fmt.Errorf("openapi: %s: schema %s: %w", c.Name(), name, err)
			}
		}
		s := &openapi3.Schema{}
		if err := json.Unmarshal(data, s); err != nil {
			return "", nil, fmt.Errorf("openapi: %s: schema %s: %w", c.Name(), name, err)
		}
		out[name] = openapi3.NewSchemaRef("", s)
	}
	return body, out, nil
}

// validComponentName reports whether name may key a component
// (^[a-zA-Z0-9.\-_]+$).
func validComponentName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		b := name[i]
		if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '.' || b == '-' || b == '_') {
			return false
		}
	}
	return true
}
