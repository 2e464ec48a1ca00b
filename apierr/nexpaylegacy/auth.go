package nexpaylegacy

import (
	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// authCodes are the codes [LegacyContract.AuthCode] answers the failures with.
var authCodes = kit.AuthCodes{
	apierr.AuthKeyMissing:           MissingAPIKey,
	apierr.AuthCredentialsMalformed: MissingAPIKey,
	apierr.AuthNonceMissing:         MissingNonce,
	apierr.AuthSignatureMissing:     MissingSignature,
	apierr.AuthKeyInvalid:           InvalidAPIKey,
	apierr.AuthNonceReused:          NonceNotMonotonous,
	apierr.AuthNonceInvalid:         NonceNotValid,
	apierr.AuthSignatureInvalid:     WrongSignature,
	apierr.AuthSecretInvalid:        WrongSignature,
	apierr.AuthTimestampMissing:     WrongSignature,
	apierr.AuthTimestampInvalid:     WrongSignature,
	apierr.AuthTimestampExpired:     WrongSignature,
	apierr.AuthKeyDisabled:          APIKeyNotEnabled,
	apierr.AuthKeyLocked:            APIKeyLocked,
	apierr.AuthClientInvalid:        InvalidClientState,
	apierr.AuthKeyRevoked:           InvalidAPIKeyState,
	apierr.AuthKeyDeprecated:        DeprecatedAPIKey,
	apierr.AuthForbidden:            NoPermissions,
}

// AuthCode returns the code of the provider's 403 table that answers f:
// 10, 20 and 30 for a missing key, nonce or signature, 40 for an unknown
// key, 50 for a nonce not greater than the last, 60 for a malformed one,
// 70 for a wrong signature, 80 "No permissions" for a key not allowed the
// method, and 90 to 121 for the key's states. The legacy
// API signs with a nonce and has no timestamp: a timestamp a server asks
// for anyway is part of what is signed, so its failures are a wrong
// signature (70), as is the wrong secret of Basic credentials.
func (*LegacyContract) AuthCode(f apierr.AuthFailure) apierr.Code { return authCodes.Code(f) }
