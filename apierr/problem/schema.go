package problem

import (
	"encoding/json"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// ErrorSchemas returns the JSON Schemas (OpenAPI 3.1 dialect) of problem
// details as this contract writes them, keyed by component name, and the
// name of the body's schema. The openapi package builds error responses from
// them.
func (c *ProblemContract) ErrorSchemas() (body string, schemas map[string][]byte) {
	ids := []string{}
	for _, code := range c.Catalogue().Codes() {
		ids = append(ids, code.ID())
	}
	example, _ := apierr.AppendBody(nil, c, apierr.New(apierr.PAY0001).With("paymentId", "p_1"), apierr.Meta{})
	problem := map[string]any{
		"type":        "object",
		"description": "RFC 9457 problem details",
		"required":    []string{"type", "title", "status", "code"},
		"properties": map[string]any{
			"type":     map[string]any{"type": "string", "format": "uri-reference", "description": "Identifies the problem type; about:blank for plain HTTP conditions"},
			"title":    map[string]any{"type": "string", "description": "Summary of the problem type"},
			"status":   map[string]any{"type": "integer", "minimum": 400, "maximum": 599},
			"detail":   map[string]any{"type": "string", "description": "Explanation specific to this occurrence"},
			"instance": map[string]any{"type": "string", "format": "uri-reference", "description": "The request path"},
			"code":     map[string]any{"type": "string", "enum": ids, "description": "The Nexpay code"},
			"errors":   map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/ProblemFieldError"}},
			"details":  map[string]any{"type": "object", "additionalProperties": true},
		},
		"examples": []json.RawMessage{example},
	}
	field := map[string]any{
		"type":     "object",
		"required": []string{"field", "message"},
		"properties": map[string]any{
			"field":   map[string]any{"type": "string", "description": "JSON path of the field, or the parameter's name"},
			"in":      map[string]any{"type": "string", "enum": []string{"query", "path", "header"}},
			"rule":    map[string]any{"type": "string"},
			"param":   map[string]any{"type": "string"},
			"message": map[string]any{"type": "string"},
		},
	}
	return "Problem", map[string][]byte{
		"Problem":           kit.MustJSON(problem),
		"ProblemFieldError": kit.MustJSON(field),
	}
}

var _ interface {
	apierr.Contract
	ErrorSchemas() (string, map[string][]byte)
} = (*ProblemContract)(nil)
