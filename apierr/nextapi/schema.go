package nextapi

import (
	"encoding/json"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// ErrorSchemas returns the JSON Schemas (OpenAPI 3.1 dialect) of the
// contract's error body, keyed by component name, and the name of the body's
// schema. The openapi package builds error responses from them.
func (*NextAPIContract) ErrorSchemas() (body string, schemas map[string][]byte) {
	ids := []string{}
	for _, code := range catalogue.Codes() {
		ids = append(ids, code.ID())
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
	errBody := map[string]any{
		"type":     "object",
		"required": []string{"error"},
		"properties": map[string]any{
			"error": map[string]any{
				"type":     "object",
				"required": []string{"code", "message"},
				"properties": map[string]any{
					"code":    map[string]any{"type": "string", "enum": ids, "description": "Machine-readable error identifier"},
					"message": map[string]any{"type": "string", "description": "Human-readable description"},
					"details": map[string]any{
						"type":                 "object",
						"description":          "Optional additional context; fields lists invalid request fields",
						"additionalProperties": true,
						"properties": map[string]any{
							"fields": map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/NextAPIFieldError"}},
						},
					},
				},
			},
		},
		"examples": []json.RawMessage{json.RawMessage(`{"error":{"code":"INSUFFICIENT_FUNDS","message":"Account available balance is too low","details":{"available_balance":5000,"requested_amount":10000}}}`)},
	}
	return "NextAPIError", map[string][]byte{
		"NextAPIError":      kit.MustJSON(errBody),
		"NextAPIFieldError": kit.MustJSON(field),
	}
}

var _ interface {
	apierr.Contract
	ErrorSchemas() (string, map[string][]byte)
} = (*NextAPIContract)(nil)
