package auth

import (
	"context"
	"errors"

	"github.com/errkit/errkit/apierr"
)

// A KeyState is what an application says of an API key it knows: active,
// or refused for a reason the contracts tell apart.
type KeyState uint8

// The key states; the zero state is Active.
const (
	Active        KeyState = iota // the key may be used
	Disabled                      // its client has not enabled it
	Locked                        // locked by its client or the provider
	Revoked                       // deleted
	Deprecated                    // outdated: it must be regenerated
	ClientInvalid                 // its client account is closed or not approved
)

// failure returns the authentication failure of a key in state s, or 0
// for an active key.
func (s KeyState) failure() apierr.AuthFailure {
	switch s {
	case Active:
		return 0
	case Disabled:
		return apierr.AuthKeyDisabled
	case Locked:
		return apierr.AuthKeyLocked
	case Revoked:
		return apierr.AuthKeyRevoked
	case Deprecated:
		return apierr.AuthKeyDeprecated
	case ClientInvalid:
		return apierr.AuthClientInvalid
	}
	return apierr.AuthKeyInvalid
}

// A Key is an API key as the application's [Lookup] returns it.
type Key struct {
	Secret []byte   // the secret signatures are keyed with, or Basic's password
	State  KeyState // Active unless the key is refused
}

// A Lookup returns the key named id, or [ErrUnknownKey] when the
// application knows no such key. Any other error is answered as the
// contract's unavailable condition (503, or the contract's equivalent), the
// error kept for the log: authentication fails closed.
type Lookup func(ctx context.Context, id string) (Key, error)

// ErrUnknownKey is the error a [Lookup] returns for a key it does not know.
var ErrUnknownKey = errors.New("auth: unknown key")

// StaticKeys returns a Lookup over a fixed map of key to secret, every key
// active: for tests and sandboxes.
func StaticKeys(secrets map[string]string) Lookup {
	keys := make(map[string]Key, len(secrets))
	for id, s := range secrets {
		keys[id] = Key{Secret: []byte(s)}
	}
	return func(_ context.Context, id string) (Key, error) {
		if k, ok := keys[id]; ok {
			return k, nil
		}
		return Key{}, ErrUnknownKey
	}
}

type keyIDKey struct{}

// KeyFrom returns the API key a verified request was authenticated with,
// or "" for a request no verifier let through: for rate limits and
// idempotency keys scoped per client.
func KeyFrom(ctx context.Context) string {
	id, _ := ctx.Value(keyIDKey{}).(string)
	return id
}

func withKey(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, keyIDKey{}, id)
}
