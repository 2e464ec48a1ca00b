package payout

import (
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/contracttest"
)

// TestContract runs the conformance tests. The body carries one code string
// per status, so codes are told apart by message: each template message
// parses back to its code; a field code's body is a validation_error body
// of its field, and parses so.
func TestContract(t *testing.T) {
	variants := map[apierr.Code]*apierr.Error{
		ShopCurrencyMismatch: CurrencyMismatch("USD"),
		InsufficientBalance:  apierr.New(InsufficientBalance).Msg("Insufficient balance: 10.00 available"),
		AmountInvalid:        apierr.New(AmountInvalid).Msg("amount must be at most 100"),
	}
	contracttest.Run(t, Contract, contracttest.Options{NoDetails: true, CodeFromMessage: true, Variants: func(code apierr.Code) []*apierr.Error {
		if e, ok := variants[code]; ok {
			return []*apierr.Error{e}
		}
		return nil
	}, ParsesAs: func(e *apierr.Error) *apierr.Error {
		// A field code's body is a validation_error body of its field.
		if name := codeFields[e.Code()]; name != "" && len(e.Fields()) == 0 {
			return apierr.New(ValidationFailed).WithFields(apierr.FieldError{Field: name, Message: e.PublicText()})
		}
		return e
	}})
}

func FuzzParse(f *testing.F) {
	contracttest.FuzzParse(f, Contract,
		[]byte(`{"message":"amount must be a positive decimal string","code":"validation_error","errors":[{"field":"amount","message":"amount must be a positive decimal string"}],"error":{"code":"validation_error","message":"amount must be a positive decimal string"}}`),
		[]byte(`{"message":"Invalid API key","code":"unauthorized","error":{"code":"unauthorized","message":"Invalid API key"}}`),
		[]byte(`{"message":"Shop currency mismatch. Expected EUR.","code":"validation_error"}`),
		[]byte(`{"message":"","code":"nope","errors":[{}]}`),
	)
}

func FuzzAppendBody(f *testing.F) { contracttest.FuzzAppendBody(f, Contract) }

func BenchmarkAppendBody(b *testing.B) { contracttest.BenchmarkAppendBody(b, Contract, PayoutNotFound) }
