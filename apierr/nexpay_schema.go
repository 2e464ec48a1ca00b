package apierr

import (
	"encoding/json"
	"time"
)

// Names of the Nexpay v2 schemas in an OpenAPI document's components.
const (
	nexpaySchemaError      = "NexpayError"
	nexpaySchemaDetails    = "NexpayErrorDetails"
	nexpaySchemaFieldError = "NexpayFieldError"
)

// nexpaySchemaTime is the timestamp of the bodies the schemas show.
var nexpaySchemaTime = time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC)

// ErrorSchemas returns the JSON Schemas (OpenAPI 3.1 dialect) of the Nexpay
// v2 error body, its details and its field errors, keyed by component name;
// body names the error body's schema. Their examples are bodies the
// contract renders. The openapi package turns them into components.schemas.
func (c *nexpayContract) ErrorSchemas() (body string, schemas map[string][]byte) {
	ref := func(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	render := func(e *Error) json.RawMessage {
		b, err := AppendBody(nil, c, e.At(nexpaySchemaTime), Meta{})
		if err != nil {
			panic("apierr: render a schema example: " + err.Error())
		}
		return b
	}
	field := FieldError{Field: "amount", Rule: "required", Message: "amount is required"}
	param := FieldError{Field: "currency", In: "query", Rule: "iso4217", Message: "currency must be an ISO 4217 code"}

	errorSchema := map[string]any{
		"type":                 "object",
		"description":          "A Nexpay v2 error body: the HTTP status, the code in brackets, a message that starts with the code, the UTC time of the error, and details when there are any.",
		"required":             []string{"statusCode", "code", "message", "timestamp"},
		"additionalProperties": false,
		"properties": map[string]any{
			"statusCode": map[string]any{
				"type":        "integer",
				"minimum":     400,
				"maximum":     599,
				"description": "The HTTP status of the response.",
				"examples":    []any{404},
			},
			"code": map[string]any{
				"type":        "string",
				"pattern":     `^\[[A-Z]{3}[0-9]{4}\]$`,
				"description": "The error code in brackets: a 3-letter module prefix and 4 digits. Codes are stable; branch on them, not on the message.",
				"examples":    []any{"[PAY0001]"},
			},
			"message": map[string]any{
				"type":        "string",
				"pattern":     `^\[[A-Z]{3}[0-9]{4}\] `,
				"description": "A message for people, starting with the bracketed code. Messages may change.",
				"examples":    []any{"[PAY0001] Payment not found"},
			},
			"timestamp": map[string]any{
				"type":        "string",
				"format":      "date-time",
				"pattern":     `^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$`,
				"description": "When the error happened: UTC, RFC 3339, millisecond precision.",
				"examples":    []any{"2026-01-15T10:30:00.000Z"},
			},
			"details": ref(nexpaySchemaDetails),
		},
		"examples": []any{
			render(New(PAY0001)),
			render(New(QOT0003).With("fromCurrency", "BRL").With("toCurrency", "USD")),
			render(New(GEN9002).WithFields(field, param)),
		},
	}
	details := map[string]any{
		"type":                 "object",
		"description":          "More about the error; present only when there is more to say. A request that failed validation lists its invalid fields in fields.",
		"additionalProperties": true,
		"properties": map[string]any{
			"fields": map[string]any{
				"type":        "array",
				"description": "The invalid fields of the request, all of them.",
				"items":       ref(nexpaySchemaFieldError),
			},
		},
		"examples": []any{
			map[string]any{"fromCurrency": "BRL", "toCurrency": "USD"},
			map[string]any{"fields": []FieldError{field}},
		},
	}
	fieldError := map[string]any{
		"type":                 "object",
		"description":          "One invalid field of a request.",
		"required":             []string{"field", "message"},
		"additionalProperties": false,
		"properties": map[string]any{
			"field":   map[string]any{"type": "string", "description": "The JSON path from the body's root (payee.iban, items[0].amount), or the parameter's name for query, path and header parameters."},
			"in":      map[string]any{"type": "string", "enum": []string{"query", "path", "header"}, "description": "Where the field was sent; absent for the body."},
			"rule":    map[string]any{"type": "string", "description": "The rule that failed (required, iban, max)."},
			"param":   map[string]any{"type": "string", "description": "The rule's parameter, if it has one (2 for max=2)."},
			"message": map[string]any{"type": "string", "description": "A sentence a person can read."},
		},
		"examples": []any{field, param},
	}
	schemas = map[string][]byte{
		nexpaySchemaError:      nexpaySchemaJSON(errorSchema),
		nexpaySchemaDetails:    nexpaySchemaJSON(details),
		nexpaySchemaFieldError: nexpaySchemaJSON(fieldError),
	}
	return nexpaySchemaError, schemas
}

func nexpaySchemaJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("apierr: encode a schema: " + err.Error())
	}
	return b
}
