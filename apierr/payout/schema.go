package payout

import (
	"encoding/json"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// ErrorSchemas returns the JSON Schemas (OpenAPI 3.1 dialect) of the
// contract's error body, keyed by component name, and the name of the body's
// schema. The openapi package builds error responses from them.
func (*PayoutContract) ErrorSchemas() (body string, schemas map[string][]byte) {
	wire := []string{CodeUnauthorized, CodeForbidden, CodeNotFound, CodeValidationError, CodeInternalError}
	code := map[string]any{"type": "string", "enum": wire}
	errBody := map[string]any{
		"type":     "object",
		"required": []string{"message", "code", "error"},
		"properties": map[string]any{
			"message": map[string]any{"type": "string", "description": "Human-readable message; for validation, the first field's"},
			"code":    code,
			"errors": map[string]any{
				"type":        "array",
				"description": "The invalid fields, for validation_error",
				"items":       map[string]any{"$ref": "#/components/schemas/PayoutFieldError"},
			},
			"error": map[string]any{
				"type":       "object",
				"required":   []string{"code", "message"},
				"properties": map[string]any{"code": code, "message": map[string]any{"type": "string"}},
			},
		},
		"examples": []json.RawMessage{json.RawMessage(`{"message":"Invalid API key","code":"unauthorized","error":{"code":"unauthorized","message":"Invalid API key"}}`)},
	}
	field := map[string]any{
		"type":     "object",
		"required": []string{"field", "message"},
		"properties": map[string]any{
			"field":   map[string]any{"type": "string"},
			"message": map[string]any{"type": "string"},
		},
	}
	return "PayoutError", map[string][]byte{
		"PayoutError":      kit.MustJSON(errBody),
		"PayoutFieldError": kit.MustJSON(field),
	}
}

var _ interface {
	apierr.Contract
	ErrorSchemas() (string, map[string][]byte)
} = (*PayoutContract)(nil)
