package nexpaylegacy

import (
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/contracttest"
)

// TestContract runs the conformance tests; the legacy body writes details as
// the text of data, so each code is also checked with a data detail and
// with field errors of every shape FieldData writes.
func TestContract(t *testing.T) {
	contracttest.Run(t, Contract, contracttest.Options{NoDetails: true, Variants: func(code apierr.Code) []*apierr.Error {
		return []*apierr.Error{
			apierr.New(code).Msg("custom \"msg\" <b>").With("data", "Unknown symbol BTCUSD"),
			apierr.New(code).WithFields(
				apierr.FieldError{Field: "items[0].amount", Rule: "lte", Param: "100", Message: "too big"},
				apierr.FieldError{Field: "memo", Message: "memo: bad"},
				apierr.FieldError{Field: "to", Rule: "required"}),
		}
	}})
}

func FuzzParse(f *testing.F) {
	contracttest.FuzzParse(f, Contract,
		[]byte(`{"errors":[{"code":-32600,"message":"Invalid Request","data":"Unknown symbol BTCUSD"}],"traceId":"b1d88d60011a9bda350b0eef7dc8dcbb"}`),
		[]byte(`{"errors":[{"code":30010,"message":"Invalid request parameter","data":"amount (gt=0): m"},{"code":30010,"message":"Invalid request parameter","data":"x"}]}`),
		[]byte(`{"errors":[{"code":130,"message":"m"},{"code":30010,"message":"","data":" (: "}]}`),
	)
}

func FuzzAppendBody(f *testing.F) { contracttest.FuzzAppendBody(f, Contract) }

func BenchmarkAppendBody(b *testing.B) { contracttest.BenchmarkAppendBody(b, Contract, NotFound) }
