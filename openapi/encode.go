package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "github.com/oasdiff/yaml3"
)

// A Format is how a document is written out.
type Format string

// The formats [Marshal] writes.
const (
	YAML Format = "yaml"
	JSON Format = "json"
)

// ParseFormat reads "yaml" (or "yml") or "json".
func ParseFormat(s string) (Format, error) {
	switch s {
	case "yaml", "yml":
		return YAML, nil
	case "json":
		return JSON, nil
	}
	return "", fmt.Errorf("openapi: unknown format %q (want yaml or json)", s)
}

// The top-level fields, in the order the specification lists them; others
// follow in name order.
var topOrder = []string{"openapi", "info", "jsonSchemaDialect", "servers", "security", "tags", "externalDocs", "paths", "webhooks", "components"}

// Marshal writes doc as YAML or JSON, indented by two spaces, its top-level
// fields in the specification's order and every object's keys sorted, so
// the same document always gives the same bytes.
func Marshal(doc *openapi3.T, f Format) ([]byte, error) {
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("openapi: encode: %w", err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		return nil, fmt.Errorf("openapi: encode: %w", err)
	}
	keys := make([]string, 0, len(top))
	for _, k := range topOrder {
		if _, ok := top[k]; ok {
			keys = append(keys, k)
		}
	}
	rest := sortedKeys(top)
	for _, k := range rest {
		if !slices.Contains(topOrder, k) {
			keys = append(keys, k)
		}
	}
	var buf bytes.Buffer
	buf.WriteString("{\n")
	for i, k := range keys {
		kb, _ := json.Marshal(k)
		buf.WriteString("  ")
		buf.Write(kb)
		buf.WriteString(": ")
		if err := json.Indent(&buf, top[k], "  ", "  "); err != nil {
			return nil, fmt.Errorf("openapi: encode: %w", err)
		}
		if i < len(keys)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("}\n")
	switch f {
	case JSON:
		return buf.Bytes(), nil
	case YAML:
		return toYAML(buf.Bytes())
	}
	return nil, fmt.Errorf("openapi: unknown format %q (want yaml or json)", f)
}

// toYAML rewrites a JSON document as block-style YAML, keeping its key
// order.
func toYAML(data []byte) ([]byte, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return nil, fmt.Errorf("openapi: encode yaml: %w", err)
	}
	plain(&n)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&n); err != nil {
		return nil, fmt.Errorf("openapi: encode yaml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("openapi: encode yaml: %w", err)
	}
	return buf.Bytes(), nil
}

// plain clears the flow and quoting styles JSON input gives every node; the
// encoder quotes again the strings that need it.
func plain(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		plain(c)
	}
}
