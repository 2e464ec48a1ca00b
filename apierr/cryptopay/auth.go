package cryptopay

import "github.com/errkit/errkit/apierr"

// AuthCode returns the code that answers f: [Unauthenticated] (401) for
// every authentication failure, as the provider answers a request it could
// not authenticate; the body does not say which check failed. A key
// without permission for the operation is its 403 [Unauthorized] ("You
// don't have required permissions to perform requested action on the
// resource").
func (*CryptopayContract) AuthCode(f apierr.AuthFailure) apierr.Code {
	switch {
	case f == apierr.AuthForbidden:
		return Unauthorized
	case f.Valid():
		return Unauthenticated
	}
	return 0
}
