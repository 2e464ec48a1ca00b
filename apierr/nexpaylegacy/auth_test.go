package nexpaylegacy

import (
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// TestAuthCodes holds each authentication failure to the 403 row of the provider's table.
func TestAuthCodes(t *testing.T) {
	want := map[apierr.AuthFailure]struct {
		id, message string
	}{
		apierr.AuthKeyMissing:           {"10", "Missing API key"},
		apierr.AuthCredentialsMalformed: {"10", "Missing API key"},
		apierr.AuthNonceMissing:         {"20", "Missing nonce"},
		apierr.AuthSignatureMissing:     {"30", "Missing signature"},
		apierr.AuthKeyInvalid:           {"40", "Invalid API key"},
		apierr.AuthNonceReused:          {"50", "Nonce is not monotonous"},
		apierr.AuthNonceInvalid:         {"60", "Nonce is not valid"},
		apierr.AuthSignatureInvalid:     {"70", "Wrong signature"},
		apierr.AuthSecretInvalid:        {"70", "Wrong signature"},
		apierr.AuthTimestampMissing:     {"70", "Wrong signature"},
		apierr.AuthTimestampInvalid:     {"70", "Wrong signature"},
		apierr.AuthTimestampExpired:     {"70", "Wrong signature"},
		apierr.AuthKeyDisabled:          {"90", "API key is not enabled"},
		apierr.AuthKeyLocked:            {"100", "API key locked"},
		apierr.AuthClientInvalid:        {"110", "Invalid client state"},
		apierr.AuthKeyRevoked:           {"120", "Invalid API key state"},
		apierr.AuthKeyDeprecated:        {"121", "Deprecated API key"},
		apierr.AuthForbidden:            {"80", "No permissions"},
	}
	for _, f := range kit.AuthFailures() {
		w, ok := want[f]
		code := kit.AuthCode(Contract, f)
		if !ok || code.ID() != w.id || code.Message() != w.message || code.Status() != 403 || code.Extension() || code.Catalogue() != catalogue {
			t.Errorf("%s: %s %q %d, want %s %q 403", f, code.ID(), code.Message(), code.Status(), w.id, w.message)
		}
	}
}
