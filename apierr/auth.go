package apierr

import "fmt"

// An AuthFailure is one way the authentication of a request fails: a
// header missing, a nonce reused, a signature that does not match. It is
// finer than the [Unauthorized] condition, because contracts tell these
// failures apart: the Nexpay legacy API answers a missing nonce with code
// 20 and a wrong signature with 70, the Payout API says "Timestamp
// required" or "Invalid signature".
//
// A contract answers each failure with a code of its own catalogue through
// an optional method AuthCode(AuthFailure) Code (found also through
// [Override]; kit.AuthCode looks the code up); a contract without one
// answers every failure with its code for [Unauthorized], and
// [AuthForbidden] with its code for [Forbidden].
// [NewAuthFailure] is the error an authentication check returns. Failures
// name what was wrong, never the value that was: no key, secret, nonce or
// signature is ever part of one.
type AuthFailure uint8

// The authentication failures.
const (
	AuthKeyMissing           AuthFailure = iota + 1 // no API key header
	AuthNonceMissing                                // no nonce header
	AuthTimestampMissing                            // no timestamp header
	AuthSignatureMissing                            // no signature header
	AuthCredentialsMalformed                        // an Authorization header that is not Basic base64(key:secret)
	AuthKeyInvalid                                  // an API key of invalid format, or one the server does not know
	AuthSecretInvalid                               // Basic credentials whose secret is not the key's
	AuthNonceInvalid                                // a nonce that is not a decimal integer from 1 to 2^53-1
	AuthNonceReused                                 // a nonce not greater than the last one accepted for the key
	AuthTimestampInvalid                            // a timestamp that is not Unix seconds
	AuthTimestampExpired                            // a timestamp outside the accepted window, in the past or the future
	AuthSignatureInvalid                            // a signature that is malformed or does not match
	AuthKeyDisabled                                 // a key its client has not enabled
	AuthKeyLocked                                   // a key locked by its client or the provider
	AuthKeyRevoked                                  // a deleted key
	AuthKeyDeprecated                               // an outdated key that must be regenerated
	AuthClientInvalid                               // a key whose client account is closed or not approved
	AuthForbidden                                   // a valid key without permission for the operation: the Forbidden condition, 403
	numAuthFailures
)

var authFailureNames = [numAuthFailures]string{
	"", "key_missing", "nonce_missing", "timestamp_missing", "signature_missing", "credentials_malformed",
	"key_invalid", "secret_invalid", "nonce_invalid", "nonce_reused", "timestamp_invalid",
	"timestamp_expired", "signature_invalid", "key_disabled", "key_locked", "key_revoked",
	"key_deprecated", "client_invalid", "permission_denied",
}

var authFailureTitles = [numAuthFailures]string{
	"",
	"API key missing",
	"Nonce missing",
	"Timestamp missing",
	"Signature missing",
	"Authorization header malformed",
	"API key unknown or malformed",
	"API secret incorrect",
	"Nonce is not a decimal integer from 1 to 2^53-1",
	"Nonce is not greater than the last one accepted",
	"Timestamp is not in Unix seconds",
	"Timestamp outside the accepted window",
	"Signature does not match",
	"API key not enabled",
	"API key locked",
	"API key deleted",
	"API key deprecated",
	"Client account closed or not approved",
	"API key has no permission for this operation",
}

// Valid reports whether f is one of the failures.
func (f AuthFailure) Valid() bool { return f > 0 && f < numAuthFailures }

// String returns the failure's snake_case name ("nonce_reused").
func (f AuthFailure) String() string {
	if f.Valid() {
		return authFailureNames[f]
	}
	return fmt.Sprintf("AuthFailure(%d)", uint8(f))
}

// Title returns a short English description of the failure ("Nonce is not
// greater than the last one accepted"): the title of its RFC 9457 problem
// type.
func (f AuthFailure) Title() string {
	if f.Valid() {
		return authFailureTitles[f]
	}
	return "Unauthorized"
}

// An authCoder is a [Contract] that answers authentication failures with
// codes of its own: every contract package of errkit is one. AuthCode
// returns the zero Code for a failure it has no code for.
type authCoder interface {
	AuthCode(AuthFailure) Code
}

// authCode returns the code contract c answers f with: its authCoder's code
// (looked up through contracts that [Override] wraps), or else c's code
// for f's condition ([Unauthorized], [Forbidden] for [AuthForbidden]).
// kit.AuthCode is the same lookup.
func authCode(c Contract, f AuthFailure) Code {
	if c == nil {
		c = nexpay
	}
	for cc := c; cc != nil; {
		if ac, ok := cc.(authCoder); ok {
			if code := ac.AuthCode(f); code.Valid() {
				return code
			}
			break
		}
		u, ok := cc.(interface{ Unwrap() Contract })
		if !ok {
			break
		}
		cc = u.Unwrap()
	}
	return c.Code(f.condition())
}

// condition is the condition f stands for: [Forbidden] for
// [AuthForbidden], a request whose credentials hold, else [Unauthorized].
func (f AuthFailure) condition() Condition {
	if f == AuthForbidden {
		return Forbidden
	}
	return Unauthorized
}

// NewAuthFailure returns the condition error for f, [Unauthorized] or, for
// [AuthForbidden], [Forbidden]: the middleware renders it with the code the
// server's contract answers f with (kit.AuthCode).
func NewAuthFailure(f AuthFailure) *ConditionError {
	return &ConditionError{Condition: f.condition(), Auth: f}
}

// nexpayAuth are the codes Nexpay v2 answers authentication failures with:
// GEN9003 for what is missing, AUT0003 for the key, AUT0002 for a request
// whose time has passed, GEN9004 (403 Forbidden) for a key without
// permission, AUT0001 for the rest.
var nexpayAuth = [numAuthFailures]Code{
	AuthKeyMissing:           GEN9003,
	AuthNonceMissing:         GEN9003,
	AuthTimestampMissing:     GEN9003,
	AuthSignatureMissing:     GEN9003,
	AuthCredentialsMalformed: GEN9003,
	AuthKeyInvalid:           AUT0003,
	AuthSecretInvalid:        AUT0001,
	AuthNonceInvalid:         AUT0001,
	AuthNonceReused:          AUT0001,
	AuthTimestampInvalid:     AUT0001,
	AuthTimestampExpired:     AUT0002,
	AuthSignatureInvalid:     AUT0001,
	AuthKeyDisabled:          AUT0003,
	AuthKeyLocked:            AUT0003,
	AuthKeyRevoked:           AUT0003,
	AuthKeyDeprecated:        AUT0003,
	AuthClientInvalid:        AUT0003,
	AuthForbidden:            GEN9004,
}

// AuthCode returns the code Nexpay v2 answers f with.
func (c *nexpayContract) AuthCode(f AuthFailure) Code {
	if f.Valid() {
		return nexpayAuth[f]
	}
	return 0
}
