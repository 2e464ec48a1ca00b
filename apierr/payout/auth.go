package payout

import (
	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// authCodes are the codes [PayoutContract.AuthCode] answers the failures with.
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
	apierr.AuthForbidden:            Forbidden,
}

// AuthCode returns the message of the provider's table that answers f,
// at 401 unauthorized: "API key required", "Invalid API key" (also for a
// key not active: "Key not found or inactive"), "Timestamp required",
// "Invalid timestamp format", "Timestamp window exceeded" and "Invalid
// signature"; a key without permission for the operation is 403 forbidden
// "Access denied". The Payout API signs with a timestamp and has no nonce: a
// nonce a server asks for anyway is part of what is signed, so its
// failures are an invalid signature, as is the wrong secret of Basic
// credentials.
func (*PayoutContract) AuthCode(f apierr.AuthFailure) apierr.Code { return authCodes.Code(f) }
