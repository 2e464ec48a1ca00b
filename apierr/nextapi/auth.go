package nextapi

import (
	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// authCodes are the codes [NextAPIContract.AuthCode] answers the failures with.
var authCodes = kit.AuthCodes{
	apierr.AuthKeyMissing:           Unauthorized,
	apierr.AuthNonceMissing:         Unauthorized,
	apierr.AuthTimestampMissing:     Unauthorized,
	apierr.AuthSignatureMissing:     Unauthorized,
	apierr.AuthCredentialsMalformed: Unauthorized,
	apierr.AuthNonceInvalid:         Unauthorized,
	apierr.AuthTimestampInvalid:     Unauthorized,
	apierr.AuthKeyInvalid:           InvalidCredentials,
	apierr.AuthSecretInvalid:        InvalidCredentials,
	apierr.AuthSignatureInvalid:     InvalidCredentials,
	apierr.AuthNonceReused:          InvalidCredentials,
	apierr.AuthTimestampExpired:     InvalidCredentials,
	apierr.AuthKeyDisabled:          Forbidden,
	apierr.AuthKeyLocked:            Forbidden,
	apierr.AuthKeyRevoked:           Forbidden,
	apierr.AuthKeyDeprecated:        Forbidden,
	apierr.AuthClientInvalid:        Forbidden,
	apierr.AuthForbidden:            Forbidden,
}

// AuthCode returns the code of the provider's table that answers f:
// UNAUTHORIZED for credentials missing or malformed, INVALID_CREDENTIALS
// for credentials that do not hold, and FORBIDDEN (403) for a key whose
// credentials hold but whose state refuses it or that has no permission
// for the operation ("Credentials valid but access denied").
func (*NextAPIContract) AuthCode(f apierr.AuthFailure) apierr.Code { return authCodes.Code(f) }
