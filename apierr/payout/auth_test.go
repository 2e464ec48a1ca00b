package payout

import (
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// TestAuthCodes holds each authentication failure to a message of the
// provider's table, at 401 unauthorized.
func TestAuthCodes(t *testing.T) {
	want := map[apierr.AuthFailure]string{
		apierr.AuthKeyMissing:           "API key required",
		apierr.AuthCredentialsMalformed: "API key required",
		apierr.AuthKeyInvalid:           "Invalid API key",
		apierr.AuthTimestampMissing:     "Timestamp required",
		apierr.AuthTimestampInvalid:     "Invalid timestamp format",
		apierr.AuthTimestampExpired:     "Timestamp window exceeded",
		apierr.AuthSignatureMissing:     "Invalid signature",
		apierr.AuthSignatureInvalid:     "Invalid signature",
		apierr.AuthSecretInvalid:        "Invalid signature",
		apierr.AuthNonceMissing:         "Invalid signature",
		apierr.AuthNonceInvalid:         "Invalid signature",
		apierr.AuthNonceReused:          "Invalid signature",
		apierr.AuthKeyDisabled:          "Invalid API key",
		apierr.AuthKeyLocked:            "Invalid API key",
		apierr.AuthKeyRevoked:           "Invalid API key",
		apierr.AuthKeyDeprecated:        "Invalid API key",
		apierr.AuthClientInvalid:        "Invalid API key",
	}
	for _, f := range kit.AuthFailures() {
		code := kit.AuthCode(Contract, f)
		if f == apierr.AuthForbidden {
			// The document's 403: "Forbidden. Access denied."
			if code != Forbidden || code.Status() != 403 || WireCode(code) != "forbidden" || code.Message() != "Access denied" {
				t.Errorf("%s: %s %q %d", f, code, code.Message(), code.Status())
			}
			continue
		}
		if code.Message() != want[f] || code.Status() != 401 || WireCode(code) != "unauthorized" || code.Extension() || code.Catalogue() != catalogue {
			t.Errorf("%s: %s %q %d, want %q 401", f, code, code.Message(), code.Status(), want[f])
		}
	}
}
