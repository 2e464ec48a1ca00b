package nexpaylegacy

import (
	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// authCodes are the codes of the provider's 403 table that answer each
// authentication failure. The legacy API signs with a nonce and has no
// timestamp: a timestamp a server asks for anyway is part of what is
// signed, so its failures are a wrong signature (70), as is the wrong
// secret of Basic credentials.
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
}

// AuthCode returns the code that answers f (see the package documentation).
func (*LegacyContract) AuthCode(f apierr.AuthFailure) apierr.Code { return authCodes.Code(f) }
