package contracttest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/contracttest"
)

// A contract's package runs the conformance tests from a test function.
func ExampleRun() {
	test := func(t *testing.T) {
		contracttest.Run(t, apierr.Nexpay, contracttest.Options{})
	}
	_ = test
}

// A fuzz test seeds the parser with bodies of the contract.
func ExampleFuzzParse() {
	fuzz := func(f *testing.F) {
		contracttest.FuzzParse(f, apierr.Nexpay,
			[]byte(`{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found"}`))
	}
	_ = fuzz
}

func ExampleFuzzAppendBody() {
	fuzz := func(f *testing.F) { contracttest.FuzzAppendBody(f, apierr.Nexpay) }
	_ = fuzz
}

// The benchmark runs the Nexpay v2 baseline next to the contract's bodies;
// run it with go test -bench . -benchmem.
func ExampleBenchmarkAppendBody() {
	bench := func(b *testing.B) { contracttest.BenchmarkAppendBody(b, apierr.Nexpay, apierr.PAY0001) }
	_ = bench
}

// A contract's tests compare exact bodies with Body.
func ExampleBody() {
	test := func(t *testing.T) {
		got := contracttest.Body(t, apierr.Nexpay, apierr.New(apierr.PAY0001).At(time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC)), nil)
		if want := `{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}`; string(got) != want {
			t.Errorf("got %s", got)
		}
	}
	_ = test
}

// A contract's package checks the rule for the statuses its document does
// not list: Nexpay v2 says it uses the conventional ones.
func ExampleStatuses() {
	test := func(t *testing.T) {
		contracttest.Statuses(t, apierr.Nexpay, []int{400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504}, false)
	}
	_ = test
}

// FoldInto is the shared table of a folding contract's statuses.
func ExampleFoldInto() {
	fmt.Println(contracttest.FoldInto[apierr.RateLimited])
	// Output:
	// [429 403]
}
