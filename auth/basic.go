package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"

	"github.com/errkit/errkit/apierr"
)

// Basic checks "Authorization: Basic base64(key:secret)" (RFC 7617), as
// NextAPI asks: the key must be known and active, and the secret its own.
// It is safe for concurrent use.
type Basic struct {
	// Lookup returns the key a request names; it is required.
	Lookup Lookup
}

// Verify checks r: no Authorization header is [apierr.AuthKeyMissing],
// one that is not Basic base64(key:secret)
// [apierr.AuthCredentialsMalformed], an unknown key
// [apierr.AuthKeyInvalid], a wrong secret [apierr.AuthSecretInvalid], and
// a key not active the failure of its state. The secrets are compared in
// constant time. The request returned carries the key ([KeyFrom]).
func (b Basic) Verify(r *http.Request) (*http.Request, error) {
	if b.Lookup == nil {
		return nil, apierr.NewCondition(apierr.Internal).WithCause(errors.New("auth: Basic.Lookup is nil"))
	}
	h := r.Header["Authorization"]
	if len(h) == 0 || h[0] == "" {
		return fail(apierr.AuthKeyMissing)
	}
	id, secret, ok := ParseBasic(h[0])
	if !ok {
		return fail(apierr.AuthCredentialsMalformed)
	}
	if !ValidKeyID(id) {
		return fail(apierr.AuthKeyInvalid)
	}
	ctx := r.Context()
	key, err := b.Lookup(ctx, id)
	if errors.Is(err, ErrUnknownKey) {
		return fail(apierr.AuthKeyInvalid)
	}
	if err != nil {
		return nil, apierr.NewCondition(apierr.Unavailable).WithCause(fmt.Errorf("auth: key lookup: %w", err))
	}
	// Digests of equal length, so that the comparison tells nothing of
	// the secret's length either.
	got, want := sha256.Sum256([]byte(secret)), sha256.Sum256(key.Secret)
	if !hmac.Equal(got[:], want[:]) {
		return fail(apierr.AuthSecretInvalid)
	}
	if f := key.State.failure(); f != 0 {
		return fail(f)
	}
	if !key.permits(r) {
		return fail(apierr.AuthForbidden)
	}
	return r.WithContext(withKey(ctx, id)), nil
}

// Handler returns next behind b: see [Middleware].
func (b Basic) Handler(next http.Handler) http.Handler { return Middleware(b)(next) }
