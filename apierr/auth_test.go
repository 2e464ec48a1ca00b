package apierr_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

func TestNexpayAuthCodes(t *testing.T) {
	want := map[apierr.AuthFailure]string{
		apierr.AuthKeyMissing: "[GEN9003] Unauthorized", apierr.AuthSignatureMissing: "[GEN9003] Unauthorized",
		apierr.AuthKeyInvalid: "[AUT0003] Invalid API key", apierr.AuthSignatureInvalid: "[AUT0001] Invalid credentials",
		apierr.AuthNonceReused: "[AUT0001] Invalid credentials", apierr.AuthTimestampExpired: "[AUT0002] Session expired",
		// The document's 403: "The API key doesn't have permissions to
		// perform the request."
		apierr.AuthForbidden: "[GEN9004] Forbidden",
	}
	for f, text := range want {
		if code := kit.AuthCode(apierr.Nexpay, f); "["+code.ID()+"] "+code.Message() != text {
			t.Errorf("%s: %s %q, want %s", f, code, code.Message(), text)
		}
	}
	for _, f := range kit.AuthFailures() {
		code := kit.AuthCode(apierr.Nexpay, f)
		if f == apierr.AuthForbidden {
			if code != apierr.GEN9004 || code.Status() != 403 {
				t.Errorf("%s: %s (%d)", f, code, code.Status())
			}
			continue
		}
		if code.Status() != 401 || code.Extension() || !strings.HasPrefix(code.ID(), "AUT") && code != apierr.GEN9003 {
			t.Errorf("%s: %s (%d)", f, code, code.Status())
		}
		if f.String() == "" || strings.HasPrefix(f.String(), "AuthFailure(") || f.Title() == "" {
			t.Errorf("%d: name %q title %q", f, f, f.Title())
		}
	}
	if apierr.AuthFailure(0).Valid() || apierr.AuthFailure(200).String() != "AuthFailure(200)" {
		t.Error("invalid failures")
	}
}

// An overridden contract keeps its authentication codes; a contract with
// none answers every failure with its Unauthorized code.
func TestAuthCodeThroughOverride(t *testing.T) {
	o, err := apierr.Override(apierr.Nexpay, map[apierr.Condition]apierr.Code{apierr.RateLimited: apierr.CHT0002})
	if err != nil {
		t.Fatal(err)
	}
	if got := kit.AuthCode(o, apierr.AuthKeyInvalid); got != apierr.AUT0003 {
		t.Errorf("through Override: %s", got)
	}
	if got := kit.AuthCode(plain{o}, apierr.AuthKeyInvalid); got != apierr.GEN9003 {
		t.Errorf("no AuthCode method: %s", got)
	}
	if got := kit.AuthCode(nil, apierr.AuthNonceReused); got != apierr.AUT0001 {
		t.Errorf("nil contract: %s", got)
	}
	// Without a table, a key without permission is the Forbidden code.
	if got := kit.AuthCode(plain{o}, apierr.AuthForbidden); got != apierr.GEN9004 {
		t.Errorf("no AuthCode method, forbidden: %s", got)
	}
	if ce := apierr.NewAuthFailure(apierr.AuthForbidden); ce.Condition != apierr.Forbidden {
		t.Errorf("condition %s", ce.Condition)
	}
}

type plain struct{ apierr.Contract }

func TestNewAuthFailure(t *testing.T) {
	ce := apierr.NewAuthFailure(apierr.AuthNonceReused)
	if ce.Error() != "unauthorized (nonce_reused)" {
		t.Errorf("Error() = %q", ce.Error())
	}
	e := ce.In(apierr.Nexpay)
	if e.Code() != apierr.AUT0001 || e.AuthFailure() != apierr.AuthNonceReused || !errors.Is(e, apierr.AUT0001) {
		t.Errorf("In: %v %s", e, e.AuthFailure())
	}
	if apierr.NewCondition(apierr.Unauthorized).In(apierr.Nexpay).Code() != apierr.GEN9003 {
		t.Error("plain Unauthorized")
	}
}
