package nextapi

import (
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// TestAuthCodes holds each authentication failure to a row of the provider's
// authentication table.
func TestAuthCodes(t *testing.T) {
	type row struct {
		id, message string
		status      int
	}
	unauthorized := row{"UNAUTHORIZED", "Authorization header missing or malformed", 401}
	invalid := row{"INVALID_CREDENTIALS", "Client ID or Client Secret is incorrect", 401}
	forbidden := row{"FORBIDDEN", "Credentials valid but access denied", 403}
	want := map[apierr.AuthFailure]row{
		apierr.AuthKeyMissing: unauthorized, apierr.AuthNonceMissing: unauthorized, apierr.AuthTimestampMissing: unauthorized,
		apierr.AuthSignatureMissing: unauthorized, apierr.AuthCredentialsMalformed: unauthorized,
		apierr.AuthNonceInvalid: unauthorized, apierr.AuthTimestampInvalid: unauthorized,
		apierr.AuthKeyInvalid: invalid, apierr.AuthSecretInvalid: invalid, apierr.AuthSignatureInvalid: invalid,
		apierr.AuthNonceReused: invalid, apierr.AuthTimestampExpired: invalid,
		apierr.AuthKeyDisabled: forbidden, apierr.AuthKeyLocked: forbidden, apierr.AuthKeyRevoked: forbidden,
		apierr.AuthKeyDeprecated: forbidden, apierr.AuthClientInvalid: forbidden,
		apierr.AuthForbidden: forbidden,
	}
	for _, f := range kit.AuthFailures() {
		code, w := kit.AuthCode(Contract, f), want[f]
		if code.ID() != w.id || code.Message() != w.message || code.Status() != w.status || code.Extension() || code.Catalogue() != catalogue {
			t.Errorf("%s: %s %q %d, want %+v", f, code.ID(), code.Message(), code.Status(), w)
		}
	}
}
