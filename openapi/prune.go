package openapi

import (
	"encoding/json"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/getkin/kin-openapi/openapi3"
)

// prune removes from doc the components contract c's merge added that
// nothing refers to: in a spec with operations, the examples of codes no
// operation sends and the per-status responses no $ref names.
func prune(doc *openapi3.T, c apierr.Contract) error {
	for {
		refs, err := references(doc)
		if err != nil {
			return err
		}
		dc := doc.Components
		removed := false
		for name, e := range dc.Examples {
			if e != nil && e.Value != nil && ours(e.Value.Extensions, c) && !refs["#/components/examples/"+name] {
				delete(dc.Examples, name)
				removed = true
			}
		}
		for name, r := range dc.Responses {
			if r != nil && r.Value != nil && ours(r.Value.Extensions, c) && !refs["#/components/responses/"+name] {
				delete(dc.Responses, name)
				removed = true
			}
		}
		for name, s := range dc.Schemas {
			if s != nil && s.Value != nil && ours(s.Value.Extensions, c) && !refs["#/components/schemas/"+name] {
				delete(dc.Schemas, name)
				removed = true
			}
		}
		if !removed {
			return nil
		}
	}
}

// references returns every local $ref of doc.
func references(doc *openapi3.T) (map[string]bool, error) {
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	refs := map[string]bool{}
	eachRef(v, func(r string) {
		if strings.HasPrefix(r, "#/") {
			refs[r] = true
		}
	})
	return refs, nil
}

// eachRef calls f with every $ref of v, a decoded JSON document.
func eachRef(v any, f func(ref string)) {
	switch v := v.(type) {
	case map[string]any:
		if r, ok := v["$ref"].(string); ok {
			f(r)
		}
		for _, x := range v {
			eachRef(x, f)
		}
	case []any:
		for _, x := range v {
			eachRef(x, f)
		}
	}
}
