package auth

import (
	"context"
	"errors"
	"net/http"
	"strings"

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
	// Allows reports whether the key may call the operation r asks for
	// (its method and path, say); nil allows every operation. A request
	// it refuses, once its credentials hold, fails with
	// [apierr.AuthForbidden]: each contract's code for a key without
	// permission (the Nexpay legacy API's 80 "No permissions", 403).
	// [AllowOperations] builds one from a list.
	Allows func(r *http.Request) bool
}

// AllowOperations returns a [Key.Allows] that allows the operations named
// "METHOD /path" ("POST /v1/payouts"); a name ending in "/*" allows every
// path under it ("GET /v1/payouts/*"). The path is the request's, without
// its query.
func AllowOperations(ops ...string) func(r *http.Request) bool {
	type op struct {
		method, path string
		prefix       bool
	}
	list := make([]op, 0, len(ops))
	for _, s := range ops {
		method, path, _ := strings.Cut(s, " ")
		o := op{method: method, path: path}
		if p, ok := strings.CutSuffix(path, "/*"); ok {
			o.path, o.prefix = p+"/", true
		}
		list = append(list, o)
	}
	return func(r *http.Request) bool {
		for _, o := range list {
			if o.method != r.Method {
				continue
			}
			if o.prefix && strings.HasPrefix(r.URL.Path, o.path) || !o.prefix && r.URL.Path == o.path {
				return true
			}
		}
		return false
	}
}

// permits reports whether k allows r.
func (k *Key) permits(r *http.Request) bool { return k.Allows == nil || k.Allows(r) }

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
