package validation

import (
	"errors"
	"testing"

	"github.com/go-playground/validator/v10"
)

// fiveFailures fails five rules: required, amount, iso4217, iban, max.
type fiveFailures struct {
	ID       string `json:"id" validate:"required"`
	Amount   string `json:"amount" validate:"amount=2"`
	Currency string `json:"currency" validate:"iso4217"`
	Payee    struct {
		IBAN string `json:"iban" validate:"iban"`
	} `json:"payee"`
	Items []item `json:"items" validate:"max=1"`
}

func fiveFailing() *fiveFailures {
	f := &fiveFailures{Amount: "1.005", Currency: "XYZ", Items: []item{{"1"}, {"2"}}}
	f.Payee.IBAN = "GB28NWBK60161331926819"
	return f
}

// BenchmarkValidatorStruct is the baseline: validator/v10 producing the
// five failures, as Validate has it do.
func BenchmarkValidatorStruct(b *testing.B) {
	v := New().Engine()
	x := fiveFailing()
	b.ReportAllocs()
	for b.Loop() {
		if err := v.Struct(x); err == nil {
			b.Fatal("no failures")
		}
	}
}

// BenchmarkValidate is Validate: the baseline plus the field list and the
// condition that carries it.
func BenchmarkValidate(b *testing.B) {
	v := New()
	x := fiveFailing()
	b.ReportAllocs()
	for b.Loop() {
		if err := v.Validate(x); err == nil {
			b.Fatal("no failures")
		}
	}
}

// BenchmarkFields turns five ValidationErrors into the field list.
func BenchmarkFields(b *testing.B) {
	v := New()
	var ve validator.ValidationErrors
	if !errors.As(v.Engine().Struct(fiveFailing()), &ve) || len(ve) != 5 {
		b.Fatalf("want 5 failures, got %v", ve)
	}
	b.ReportAllocs()
	for b.Loop() {
		if fields := v.appendFields(nil, ve, "fiveFailures", nil); len(fields) != 5 {
			b.Fatal(fields)
		}
	}
}

// BenchmarkFieldsErrorText is what many servers do instead: validator's
// own text for each failure. For comparison only.
func BenchmarkFieldsErrorText(b *testing.B) {
	var ve validator.ValidationErrors
	errors.As(New().Engine().Struct(fiveFailing()), &ve)
	b.ReportAllocs()
	for b.Loop() {
		out := make([]string, 0, len(ve))
		for _, fe := range ve {
			out = append(out, fe.Error())
		}
	}
}
