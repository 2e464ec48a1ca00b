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

func ExampleAuthCode() {
	for _, f := range []apierr.AuthFailure{apierr.AuthKeyMissing, apierr.AuthKeyInvalid, apierr.AuthTimestampExpired} {
		code := apierr.AuthCode(apierr.Nexpay, f)
		fmt.Println(f, code.ID(), code.Status(), code.Message())
	}
	// Output:
	// key_missing GEN9003 401 Unauthorized
	// key_invalid AUT0003 401 Invalid API key
	// timestamp_expired AUT0002 401 Session expired
}
