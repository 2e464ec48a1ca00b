package apierr_test

import (
	"fmt"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
)

// A contract with a trace field says so, also behind an override; the
// trace ID of a request is then derived once, by whoever builds its Meta.
func ExampleShowsTrace() {
	legacy, _ := apierr.Override(nexpaylegacy.Contract, nil)
	fmt.Println(apierr.ShowsTrace(apierr.Nexpay), apierr.ShowsTrace(nexpaylegacy.Contract), apierr.ShowsTrace(legacy),
		apierr.ShowsTrace(cryptopay.Contract), apierr.ShowsTrace(nil))
	// Output: false true true true false
}
