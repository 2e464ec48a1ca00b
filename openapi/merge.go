package openapi

import (
	"fmt"
	"sort"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/getkin/kin-openapi/openapi3"
)

// Merge adds contract c's error components to doc, in the terms of doc's
// own version. Components that an earlier Merge of the same contract added
// (they carry [Marker]) are replaced, or removed if the catalogue no longer
// needs them; any other component of the same name is the spec's own, and
// Merge then changes nothing and returns an error naming them.
func Merge(doc *openapi3.T, c apierr.Contract) error {
	v, err := versionOf(doc)
	if err != nil {
		return err
	}
	comp, err := Components(c, v)
	if err != nil {
		return err
	}
	if doc.Components == nil {
		doc.Components = &openapi3.Components{}
	}
	dc := doc.Components
	var clashes []string
	clash := func(kind, name string) {
		clashes = append(clashes, "components."+kind+"."+name)
	}
	for _, name := range sortedKeys(comp.Schemas) {
		if s, ok := dc.Schemas[name]; ok && !(s != nil && s.Ref == "" && s.Value != nil && ours(s.Value.Extensions, c)) {
			clash("schemas", name)
		}
	}
	for _, name := range sortedKeys(comp.Examples) {
		if e, ok := dc.Examples[name]; ok && !(e != nil && e.Ref == "" && e.Value != nil && ours(e.Value.Extensions, c)) {
			clash("examples", name)
		}
	}
	for _, name := range sortedKeys(comp.Responses) {
		if r, ok := dc.Responses[name]; ok && !(r != nil && r.Ref == "" && r.Value != nil && ours(r.Value.Extensions, c)) {
			clash("responses", name)
		}
	}
	if len(clashes) > 0 {
		return fmt.Errorf("openapi: merge %s: the spec has its own %s; rename or remove them", c.Name(), strings.Join(clashes, ", "))
	}

	// Drop what an earlier merge added and the catalogue no longer needs.
	for name, s := range dc.Schemas {
		if s != nil && s.Ref == "" && s.Value != nil && ours(s.Value.Extensions, c) {
			delete(dc.Schemas, name)
		}
	}
	for name, e := range dc.Examples {
		if e != nil && e.Ref == "" && e.Value != nil && ours(e.Value.Extensions, c) {
			delete(dc.Examples, name)
		}
	}
	for name, r := range dc.Responses {
		if r != nil && r.Ref == "" && r.Value != nil && ours(r.Value.Extensions, c) {
			delete(dc.Responses, name)
		}
	}
	if dc.Schemas == nil {
		dc.Schemas = openapi3.Schemas{}
	}
	if dc.Examples == nil {
		dc.Examples = openapi3.Examples{}
	}
	if dc.Responses == nil {
		dc.Responses = openapi3.ResponseBodies{}
	}
	for name, s := range comp.Schemas {
		dc.Schemas[name] = s
	}
	for name, e := range comp.Examples {
		dc.Examples[name] = e
	}
	for name, r := range comp.Responses {
		dc.Responses[name] = r
	}
	return resolve(doc)
}

func ours(ext map[string]any, c apierr.Contract) bool {
	return ext[Marker] == c.Name()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
