package payout

import (
	"errors"
	"reflect"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// A validation body parses the same with one field as with several: code
// validation_error, every field in Fields. The provider's own validation
// example is the one-field case.
func TestParseValidationBodies(t *testing.T) {
	amount := apierr.FieldError{Field: "amount", Message: "amount must be a positive decimal string"}
	currency := apierr.FieldError{Field: "currency", Message: "currency is required"}
	for _, tc := range []struct {
		name   string
		body   string
		fields []apierr.FieldError
	}{
		{"published example, one field", `{"message":"amount must be a positive decimal string","code":"validation_error","errors":[{"field":"amount","message":"amount must be a positive decimal string"}],"error":{"code":"validation_error","message":"amount must be a positive decimal string"}}`,
			[]apierr.FieldError{amount}},
		{"two fields", `{"message":"amount must be a positive decimal string","code":"validation_error","errors":[{"field":"amount","message":"amount must be a positive decimal string"},{"field":"currency","message":"currency is required"}],"error":{"code":"validation_error","message":"amount must be a positive decimal string"}}`,
			[]apierr.FieldError{amount, currency}},
		{"one field of another message", `{"message":"amount must be at most 100","code":"validation_error","errors":[{"field":"amount","message":"amount must be at most 100"}],"error":{"code":"validation_error","message":"amount must be at most 100"}}`,
			[]apierr.FieldError{{Field: "amount", Message: "amount must be at most 100"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Contract.Parse(422, []byte(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if e.ID() != CodeValidationError || !errors.Is(e, ValidationFailed) || e.Status() != 422 {
				t.Errorf("parsed as %s (%d), want %s", e.ID(), e.Status(), CodeValidationError)
			}
			if !reflect.DeepEqual(e.Fields(), tc.fields) {
				t.Errorf("fields %+v, want %+v", e.Fields(), tc.fields)
			}
		})
	}
}
