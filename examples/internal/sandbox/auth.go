package sandbox

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/errkit/errkit/apierr"
)

// Keys are the sandbox's credentials: the API key of its one client, its
// secret and the admin token that switches maintenance.
type Keys struct {
	APIKey     string
	APISecret  string // the key's secret, for -auth signed
	AdminToken string
}

// credential returns the credentials of an Authorization header of the
// given scheme ("ApiKey", "Bearer"), compared case-insensitively, or "".
func credential(r *http.Request, scheme string) string {
	h := r.Header.Get("Authorization")
	if len(h) <= len(scheme) || !strings.EqualFold(h[:len(scheme)], scheme) || h[len(scheme)] != ' ' {
		return ""
	}
	return strings.TrimSpace(h[len(scheme)+1:])
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// CheckAPIKey authenticates a request under /v2 by its
// "Authorization: ApiKey <key>" header: no such header is
// [apierr.GEN9003], a key the sandbox does not know [apierr.AUT0003]. It
// returns the key, to scope rate limits and idempotency keys by.
func (k Keys) CheckAPIKey(r *http.Request) (string, error) {
	key := credential(r, "ApiKey")
	if key == "" {
		return "", apierr.New(apierr.GEN9003).WithHeader("WWW-Authenticate", "ApiKey")
	}
	if !equal(key, k.APIKey) {
		return "", apierr.New(apierr.AUT0003).WithHeader("WWW-Authenticate", "ApiKey")
	}
	return key, nil
}

// CheckAdmin authenticates a request to /admin by its
// "Authorization: Bearer <token>" header: none is [apierr.GEN9003], a
// wrong token [apierr.GEN9004].
func (k Keys) CheckAdmin(r *http.Request) error {
	tok := credential(r, "Bearer")
	if tok == "" {
		return apierr.New(apierr.GEN9003).WithHeader("WWW-Authenticate", "Bearer")
	}
	if !equal(tok, k.AdminToken) {
		return apierr.GEN9004
	}
	return nil
}
