package middleware

import (
	"net/http"
	"testing"
)

func TestRateLimitHeaderSpelling(t *testing.T) {
	for exported, canonical := range map[string]string{
		HeaderRateLimitLimit:     canonicalRateLimitLimit,
		HeaderRateLimitRemaining: canonicalRateLimitRemaining,
		HeaderRateLimitReset:     canonicalRateLimitReset,
	} {
		if http.CanonicalHeaderKey(exported) != canonical {
			t.Errorf("%s is not the canonical form of %s", canonical, exported)
		}
	}
}
