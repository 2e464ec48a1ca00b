package apierr_test

import (
	"fmt"

	"github.com/errkit/errkit/apierr"
)

// A check that finds a reused nonce returns the failure; each contract
// answers it with its own code.
func ExampleNewAuthFailure() {
	err := apierr.NewAuthFailure(apierr.AuthNonceReused)
	fmt.Println(err)
	fmt.Println(err.In(apierr.Nexpay).Code().ID())
	// Output:
	// unauthorized (nonce_reused)
	// AUT0001
}
