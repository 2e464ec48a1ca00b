package cryptopay

import (
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/contracttest"
)

// TestContract runs the conformance tests, also with field errors on every
// code, whose rules become the entries' codes.
func TestContract(t *testing.T) {
	contracttest.Run(t, Contract, contracttest.Options{Variants: func(code apierr.Code) []*apierr.Error {
		return []*apierr.Error{apierr.New(code).WithFields(
			apierr.FieldError{Field: "amount", Rule: "gt", Param: "0", Message: "amount must be positive"},
			apierr.FieldError{Field: "to.address", Rule: "btc_addr", Message: "bad address"})}
	}})
}

func FuzzParse(f *testing.F) {
	contracttest.FuzzParse(f, Contract,
		[]byte(`{"error":{"code":"invalid","message":"invalid","details":[{"code":"must_be_less_than_or_equal","target":"charged_amount","message":"m","args":{"value":"167.75"}}]},"meta":{"request_id":"b1d88d60011a9bda350b0eef7dc8dcbb"}}`),
		[]byte(`{"error":{"code":"conflict","message":"conflict","details":[{"code":"detail","target":"k","args":{"value":[1,{"a":null}]}}]},"meta":{}}`),
		[]byte(`{"error":{"code":"x","message":"m","details":null}}`),
	)
}

func FuzzAppendBody(f *testing.F) { contracttest.FuzzAppendBody(f, Contract) }

func BenchmarkAppendBody(b *testing.B) { contracttest.BenchmarkAppendBody(b, Contract, NotFound) }
