package apierr

import "github.com/errkit/errkit/apierr/internal/wire"

// A Detail is one key of an error's details object, in the order added.
type Detail struct {
	Key   string // the details object's key
	Value any    // its value, rendered as JSON
}

// FieldError is one invalid field of a request.
type FieldError struct {
	// Field is the JSON path from the body root ("payee.iban",
	// "items[0].amount"), or the parameter's name for query, path and
	// header parameters.
	Field string `json:"field"`
	// In is where the field was sent: "" for the body, "query", "path" or
	// "header".
	In string `json:"in,omitempty"`
	// Rule is the rule that failed ("required", "iban", "type").
	Rule string `json:"rule,omitempty"`
	// Param is the rule's parameter, if it has one ("2" for max=2).
	Param string `json:"param,omitempty"`
	// Message is a sentence a person can read.
	Message string `json:"message"`
}

// validField reports whether a parsed field error names a field or says
// something.
func validField(f FieldError) bool { return f.Field != "" || f.Message != "" }

// decodeDetails decodes a parsed body's details object (see kit.DecodeDetails).
func decodeDetails(raw []byte) ([]Detail, []FieldError, error) {
	members, fields, err := wire.Details(raw, validField)
	var details []Detail
	for _, m := range members {
		details = append(details, Detail(m))
	}
	return details, fields, err
}
