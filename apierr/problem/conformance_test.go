package problem

import (
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/contracttest"
)

func TestContract(t *testing.T) { contracttest.Run(t, Contract, contracttest.Options{}) }

func FuzzParse(f *testing.F) {
	contracttest.FuzzParse(f, Contract,
		[]byte(`{"type":"https://errkit.dev/problems/PAY0001","title":"Payment not found","status":404,"instance":"/x","code":"PAY0001"}`),
		[]byte(`{"title":"t","status":422,"errors":[{"field":"a","message":"b"}],"details":{"k":[1,2]},"x":null}`),
		[]byte(`{"type":"about:blank"}`),
	)
}

func FuzzAppendBody(f *testing.F) { contracttest.FuzzAppendBody(f, Contract) }

func BenchmarkAppendBody(b *testing.B) { contracttest.BenchmarkAppendBody(b, Contract, apierr.PAY0001) }

func TestContractAboutBlank(t *testing.T) { contracttest.Run(t, New(""), contracttest.Options{}) }
