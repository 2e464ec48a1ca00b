package cryptopay

import "github.com/errkit/errkit/apierr"

// AuthCode returns the code that answers f: [Unauthenticated] (401) for
// every authentication failure, as the provider answers a request it could
// not authenticate; the body does not say which check failed.
func (*CryptopayContract) AuthCode(f apierr.AuthFailure) apierr.Code {
	if f.Valid() {
		return Unauthenticated
	}
	return 0
}
