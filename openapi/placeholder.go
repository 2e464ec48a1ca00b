package openapi

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/yaml"
)

// placeholderMark marks a component [Load] made up for a $ref the spec
// has no component for: [Merge] fills it with the contract's component of
// that name, and [Validate] refuses a document that still holds one.
const placeholderMark = "x-errkit-placeholder"

// The component kinds a contract defines, and what stands in for a missing
// one until the merge.
var placeholderOf = map[string]func() map[string]any{
	"schemas":  func() map[string]any { return map[string]any{placeholderMark: true} },
	"examples": func() map[string]any { return map[string]any{placeholderMark: true} },
	"responses": func() map[string]any {
		return map[string]any{"description": "defined by the merge", placeholderMark: true}
	},
}

// withPlaceholders returns data, a YAML or JSON spec, with a placeholder for
// every component of a kind in placeholderOf that a local $ref names and
// the spec lacks; data itself if there is none to add or it does not
// parse (the loader then says why).
func withPlaceholders(data []byte) []byte {
	js, err := yaml.YAMLToJSON(data)
	if err != nil {
		return data
	}
	var root map[string]any
	if json.Unmarshal(js, &root) != nil || root == nil {
		return data
	}
	comps, _ := root["components"].(map[string]any)
	missing := map[string]map[string]bool{}
	eachRef(root, func(ref string) {
		parts := strings.Split(strings.TrimPrefix(ref, "#/components/"), "/")
		if !strings.HasPrefix(ref, "#/components/") || len(parts) != 2 || placeholderOf[parts[0]] == nil {
			return
		}
		kind, _ := comps[parts[0]].(map[string]any)
		name := strings.NewReplacer("~1", "/", "~0", "~").Replace(parts[1])
		if _, ok := kind[name]; !ok {
			if missing[parts[0]] == nil {
				missing[parts[0]] = map[string]bool{}
			}
			missing[parts[0]][name] = true
		}
	})
	if len(missing) == 0 {
		return data
	}
	if comps == nil {
		comps = map[string]any{}
		root["components"] = comps
	}
	for kind, names := range missing {
		m, _ := comps[kind].(map[string]any)
		if m == nil {
			m = map[string]any{}
			comps[kind] = m
		}
		for name := range names {
			m[name] = placeholderOf[kind]()
		}
	}
	out, err := json.Marshal(root)
	if err != nil {
		return data
	}
	return out
}

func placeholder(ext map[string]any) bool { return ext[placeholderMark] != nil }

// placeholders returns the components of doc that are still placeholders,
// as "components.responses.Name", sorted.
func placeholders(doc *openapi3.T) []string {
	dc := doc.Components
	if dc == nil {
		return nil
	}
	var out []string
	for name, s := range dc.Schemas {
		if s != nil && s.Value != nil && placeholder(s.Value.Extensions) {
			out = append(out, "components.schemas."+name)
		}
	}
	for name, e := range dc.Examples {
		if e != nil && e.Value != nil && placeholder(e.Value.Extensions) {
			out = append(out, "components.examples."+name)
		}
	}
	for name, r := range dc.Responses {
		if r != nil && r.Value != nil && placeholder(r.Value.Extensions) {
			out = append(out, "components.responses."+name)
		}
	}
	sort.Strings(out)
	return out
}
