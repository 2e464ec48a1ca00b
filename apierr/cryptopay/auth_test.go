package cryptopay

import (
	"testing"

	"github.com/errkit/errkit/apierr/kit"
)

func TestAuthCodes(t *testing.T) {
	for _, f := range kit.AuthFailures() {
		code := kit.AuthCode(Contract, f)
		if code.ID() != "unauthenticated" || code.Status() != 401 || code.Extension() || code.Catalogue() != catalogue {
			t.Errorf("%s: %s %d", f, code.ID(), code.Status())
		}
	}
	if (&CryptopayContract{}).AuthCode(0) != 0 {
		t.Error("failure 0 has a code")
	}
}
