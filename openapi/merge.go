package openapi

import (
	"fmt"
	"sort"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/getkin/kin-openapi/openapi3"
)

// Merge adds contract c's error components to doc, in the terms of doc's
// own version, and documents on every operation of doc the errors it can
// return (see [AddResponses]): the codes of its [CodesExtension], and those
// of the conditions every operation of its kind meets (429, 500 and 503
// always; 401 with a security requirement; 400 with parameters or a body;
// 413, 415 and the validation status with a body; 409 and 422 with an
// idempotency key header).
//
// In a spec with operations, the merge keeps of the contract's components
// those something refers to: the examples of the codes its operations
// send, the responses a $ref names, the schemas of the body. Components
// that an earlier Merge of the same contract added (they carry [Marker])
// are replaced, or removed if the catalogue no longer needs them,
// and so are the responses it attached to operations: merging twice gives
// the same document. A component the spec only refers to (see [Load]) is
// the contract's to define. Any other component of the same name is the
// spec's own, and Merge then changes nothing and returns an error naming
// them; a status an operation documents itself is left as it is.
func Merge(doc *openapi3.T, c apierr.Contract, opts ...Option) error {
	o := newOptions(c, opts)
	type planned struct {
		item  *openapi3.PathItem
		op    *openapi3.Operation
		codes []apierr.Code
	}
	var plan []planned
	err := operations(doc, func(item *openapi3.PathItem, op *openapi3.Operation) error {
		codes, err := codesOf(op, o)
		plan = append(plan, planned{item, op, codes})
		return err
	})
	if err != nil {
		return fmt.Errorf("openapi: merge %s: %w", c.Name(), err)
	}
	if err := mergeComponents(doc, c); err != nil {
		return err
	}
	body, _, err := schemasOf(c, V31)
	if err != nil {
		return err
	}
	for _, p := range plan {
		attach(doc, p.item, p.op, c, body, p.codes, o)
	}
	if left := placeholders(doc); len(left) > 0 {
		return fmt.Errorf("openapi: merge %s: the spec refers to %s, which neither it nor the contract defines", c.Name(), strings.Join(left, ", "))
	}
	if len(plan) > 0 {
		if err := prune(doc, c); err != nil {
			return fmt.Errorf("openapi: merge %s: %w", c.Name(), err)
		}
	}
	return resolve(doc)
}

// mergeComponents adds c's components to doc.
func mergeComponents(doc *openapi3.T, c apierr.Contract) error {
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
		if s, ok := dc.Schemas[name]; ok && !(s != nil && s.Ref == "" && s.Value != nil && replaceable(s.Value.Extensions, c)) {
			clash("schemas", name)
		}
	}
	for _, name := range sortedKeys(comp.Examples) {
		if e, ok := dc.Examples[name]; ok && !(e != nil && e.Ref == "" && e.Value != nil && replaceable(e.Value.Extensions, c)) {
			clash("examples", name)
		}
	}
	for _, name := range sortedKeys(comp.Responses) {
		if r, ok := dc.Responses[name]; ok && !(r != nil && r.Ref == "" && r.Value != nil && replaceable(r.Value.Extensions, c)) {
			clash("responses", name)
		}
	}
	if len(clashes) > 0 {
		return fmt.Errorf("openapi: merge %s: the spec has its own %s; rename or remove them", c.Name(), strings.Join(clashes, ", "))
	}

	// Drop what an earlier merge added and the catalogue no longer needs.
	for name, s := range dc.Schemas {
		if _, keep := comp.Schemas[name]; !keep && s != nil && s.Ref == "" && s.Value != nil && ours(s.Value.Extensions, c) {
			delete(dc.Schemas, name)
		}
	}
	for name, e := range dc.Examples {
		if _, keep := comp.Examples[name]; !keep && e != nil && e.Ref == "" && e.Value != nil && ours(e.Value.Extensions, c) {
			delete(dc.Examples, name)
		}
	}
	for name, r := range dc.Responses {
		if _, keep := comp.Responses[name]; !keep && r != nil && r.Ref == "" && r.Value != nil && ours(r.Value.Extensions, c) {
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
	// A component already there (a placeholder, or an earlier merge's) is
	// overwritten in place: the spec's $refs to it point at its value.
	for name, s := range comp.Schemas {
		if old := dc.Schemas[name]; old != nil && old.Value != nil {
			*old.Value = *s.Value
		} else {
			dc.Schemas[name] = s
		}
	}
	for name, e := range comp.Examples {
		if old := dc.Examples[name]; old != nil && old.Value != nil {
			*old.Value = *e.Value
		} else {
			dc.Examples[name] = e
		}
	}
	for name, r := range comp.Responses {
		if old := dc.Responses[name]; old != nil && old.Value != nil {
			*old.Value = *r.Value
		} else {
			dc.Responses[name] = r
		}
	}
	return nil
}

func ours(ext map[string]any, c apierr.Contract) bool {
	return ext[Marker] == c.Name()
}

// replaceable reports whether a component of the contract's name is the
// contract's to write: one it wrote, or a placeholder.
func replaceable(ext map[string]any, c apierr.Contract) bool {
	return ours(ext, c) || ext[placeholderMark] != nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
