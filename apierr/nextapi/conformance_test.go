package nextapi

import (
	"testing"

	"github.com/errkit/errkit/apierr/contracttest"
)

func TestContract(t *testing.T) { contracttest.Run(t, Contract, contracttest.Options{}) }

func FuzzParse(f *testing.F) {
	contracttest.FuzzParse(f, Contract,
		[]byte(`{"error":{"code":"VALIDATION_ERROR","message":"Request body failed validation","details":{"fields":[{"field":"a","message":"b"}]}}}`),
		[]byte(`{"error":{"code":"INSUFFICIENT_FUNDS","message":"m","details":{"available_balance":5000}}}`),
		[]byte(`{"error":{"code":"NOPE","message":"m"}}`),
		[]byte(`<html></html>`),
		[]byte(`{"error":{"code":"RESOURCE_NOT_FOUND","message":"\ud800","details":{"fields":"x","a":[1,{"b":null}]}}}`),
	)
}

func FuzzAppendBody(f *testing.F) { contracttest.FuzzAppendBody(f, Contract) }

func BenchmarkAppendBody(b *testing.B) {
	contracttest.BenchmarkAppendBody(b, Contract, ResourceNotFound)
}
