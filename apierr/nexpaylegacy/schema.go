package nexpaylegacy

import (
	"encoding/json"
	"strconv"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// ErrorSchemas returns the JSON Schemas (OpenAPI 3.1 dialect) of the
// contract's error body, keyed by component name, and the name of the body's
// schema. The openapi package builds error responses from them.
func (*LegacyContract) ErrorSchemas() (body string, schemas map[string][]byte) {
	codes := []int64{}
	for _, code := range catalogue.Codes() {
		n, _ := strconv.ParseInt(code.ID(), 10, 32)
		codes = append(codes, n)
	}
	errBody := map[string]any{
		"type":     "object",
		"required": []string{"errors"},
		"properties": map[string]any{
			"errors": map[string]any{
				"type":     "array",
				"minItems": 1,
				"items":    map[string]any{"$ref": "#/components/schemas/NexpayLegacyErrorEntry"},
			},
			"traceId": map[string]any{
				"type":        "string",
				"pattern":     "^[0-9a-f]{32}$",
				"description": "An incident ID for the error; include this reference when contacting customer support",
			},
		},
		"examples": []json.RawMessage{json.RawMessage(`{"errors":[{"code":-32600,"message":"Invalid Request","data":"Unknown symbol BTCUSD"}],"traceId":"b1d88d60011a9bda350b0eef7dc8dcbb"}`)},
	}
	entry := map[string]any{
		"type":     "object",
		"required": []string{"code", "message"},
		"properties": map[string]any{
			"code":    map[string]any{"type": "integer", "enum": codes, "description": "Error code"},
			"message": map[string]any{"type": "string", "description": "Error message"},
			"data":    map[string]any{"type": "string", "description": "Additional error details"},
		},
	}
	return "NexpayLegacyError", map[string][]byte{
		"NexpayLegacyError":      kit.MustJSON(errBody),
		"NexpayLegacyErrorEntry": kit.MustJSON(entry),
	}
}

var _ interface {
	apierr.Contract
	ErrorSchemas() (string, map[string][]byte)
} = (*LegacyContract)(nil)
