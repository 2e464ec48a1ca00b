package cryptopay

import (
	"encoding/json"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// ErrorSchemas returns the JSON Schemas (OpenAPI 3.1 dialect) of the
// contract's error body, keyed by component name, and the name of the body's
// schema. The openapi package builds error responses from them.
func (*CryptopayContract) ErrorSchemas() (body string, schemas map[string][]byte) {
	ids := []string{}
	for _, code := range catalogue.Codes() {
		ids = append(ids, code.ID())
	}
	errBody := map[string]any{
		"type":     "object",
		"required": []string{"error", "meta"},
		"properties": map[string]any{
			"error": map[string]any{
				"type":     "object",
				"required": []string{"code", "message", "details"},
				"properties": map[string]any{
					"code":    map[string]any{"type": "string", "enum": ids},
					"message": map[string]any{"type": "string"},
					"details": map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/CryptopayErrorDetail"}},
				},
			},
			"meta": map[string]any{
				"type":     "object",
				"required": []string{"request_id"},
				"properties": map[string]any{
					"request_id": map[string]any{"type": "string", "pattern": "^[0-9a-f]{32}$"},
				},
			},
		},
		"examples": []json.RawMessage{json.RawMessage(`{"error":{"code":"unauthenticated","message":"unauthenticated","details":[]},"meta":{"request_id":"b1d88d60011a9bda350b0eef7dc8dcbb"}}`)},
	}
	detail := map[string]any{
		"type":        "object",
		"required":    []string{"code"},
		"description": "An invalid field (code from the failed rule, target the field), or a detail (code \"detail\", target its key)",
		"properties": map[string]any{
			"code":    map[string]any{"type": "string", "examples": []string{"must_be_less_than_or_equal", "required", "detail"}},
			"target":  map[string]any{"type": "string"},
			"message": map[string]any{"type": "string"},
			"args": map[string]any{
				"type":       "object",
				"properties": map[string]any{"value": map[string]any{"type": []any{"string", "number", "integer", "boolean", "array", "object", "null"}}},
			},
		},
	}
	return "CryptopayError", map[string][]byte{
		"CryptopayError":       kit.MustJSON(errBody),
		"CryptopayErrorDetail": kit.MustJSON(detail),
	}
}

var _ interface {
	apierr.Contract
	ErrorSchemas() (string, map[string][]byte)
} = (*CryptopayContract)(nil)
