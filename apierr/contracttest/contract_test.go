package contracttest_test

import (
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/contracttest"
)

func TestNexpay(t *testing.T) { contracttest.Run(t, apierr.Nexpay, contracttest.Options{}) }

func FuzzNexpayParse(f *testing.F) {
	contracttest.FuzzParse(f, apierr.Nexpay, []byte(`{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}`))
}

func FuzzNexpayAppendBody(f *testing.F) { contracttest.FuzzAppendBody(f, apierr.Nexpay) }

func BenchmarkNexpayAppendBody(b *testing.B) {
	contracttest.BenchmarkAppendBody(b, apierr.Nexpay, apierr.PAY0001)
}
