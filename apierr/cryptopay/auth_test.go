package cryptopay

import (
	"testing"

	"github.com/errkit/errkit/apierr"

	"github.com/errkit/errkit/apierr/kit"
)

func TestAuthCodes(t *testing.T) {
	for _, f := range kit.AuthFailures() {
		code := kit.AuthCode(Contract, f)
		if f == apierr.AuthForbidden {
			// The document's 403: "You don't have required permissions to
			// perform requested action on the resource."
			if code != Unauthorized || code.Status() != 403 {
				t.Errorf("%s: %s %d", f, code.ID(), code.Status())
			}
			continue
		}
		if code.ID() != "unauthenticated" || code.Status() != 401 || code.Extension() || code.Catalogue() != catalogue {
			t.Errorf("%s: %s %d", f, code.ID(), code.Status())
		}
	}
	if (&CryptopayContract{}).AuthCode(0) != 0 {
		t.Error("failure 0 has a code")
	}
}
