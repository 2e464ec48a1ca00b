package payout

import (
	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// authCodes are the messages of the provider's table that answer each
// authentication failure. The Payout API signs with a timestamp and has
// no nonce: a nonce a server asks for anyway is part of what is signed,
// so its failures are an invalid signature, as is the wrong secret of
// Basic credentials. An inactive key is an invalid one ("Key not found or
// inactive").
var authCodes = kit.AuthCodes{
	apierr.AuthKeyMissing:           APIKeyRequired,
	apierr.AuthCredentialsMalformed: APIKeyRequired,
	apierr.AuthKeyInvalid:           InvalidAPIKey,
	apierr.AuthTimestampMissing:     TimestampRequired,
	apierr.AuthTimestampInvalid:     InvalidTimestampFormat,
	apierr.AuthTimestampExpired:     TimestampWindowExceeded,
	apierr.AuthSignatureMissing:     InvalidSignature,
	apierr.AuthSignatureInvalid:     InvalidSignature,
	apierr.AuthSecretInvalid:        InvalidSignature,
	apierr.AuthNonceMissing:         InvalidSignature,
	apierr.AuthNonceInvalid:         InvalidSignature,
	apierr.AuthNonceReused:          InvalidSignature,
	apierr.AuthKeyDisabled:          InvalidAPIKey,
	apierr.AuthKeyLocked:            InvalidAPIKey,
	apierr.AuthKeyRevoked:           InvalidAPIKey,
	apierr.AuthKeyDeprecated:        InvalidAPIKey,
	apierr.AuthClientInvalid:        InvalidAPIKey,
}

// AuthCode returns the code that answers f (see the package documentation).
func (*PayoutContract) AuthCode(f apierr.AuthFailure) apierr.Code { return authCodes.Code(f) }
