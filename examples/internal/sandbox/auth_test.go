package sandbox

import (
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
)

func TestCheckAPIKey(t *testing.T) {
	k := Keys{APIKey: "pk_1", AdminToken: "adm"}
	for _, tc := range []struct {
		header string
		code   apierr.Code
	}{
		{"ApiKey pk_1", 0},
		{"apikey pk_1", 0},
		{"ApiKey  pk_1 ", 0},
		{"", apierr.GEN9003},
		{"ApiKey", apierr.GEN9003},
		{"ApiKey ", apierr.GEN9003},
		{"ApiKeypk_1", apierr.GEN9003},
		{"Bearer pk_1", apierr.GEN9003},
		{"ApiKey pk_2", apierr.AUT0003},
		{"ApiKey pk_1x", apierr.AUT0003},
	} {
		r := httptest.NewRequest("GET", "/v2/payments", nil)
		if tc.header != "" {
			r.Header.Set("Authorization", tc.header)
		}
		key, err := k.CheckAPIKey(r)
		if tc.code == 0 {
			if err != nil || key != "pk_1" {
				t.Errorf("%q: %q, %v", tc.header, key, err)
			}
			continue
		}
		if !errors.Is(err, tc.code) {
			t.Errorf("%q: %v, want %s", tc.header, err, tc.code.ID())
		}
	}
}

func TestCheckAdmin(t *testing.T) {
	k := Keys{APIKey: "pk_1", AdminToken: "adm"}
	for header, code := range map[string]apierr.Code{
		"Bearer adm":  0,
		"":            apierr.GEN9003,
		"ApiKey adm":  apierr.GEN9003,
		"Bearer pk_1": apierr.GEN9004,
	} {
		r := httptest.NewRequest("PUT", "/admin/maintenance", nil)
		r.Header.Set("Authorization", header)
		err := k.CheckAdmin(r)
		if code == 0 && err != nil || code != 0 && !errors.Is(err, code) {
			t.Errorf("%q: %v, want %v", header, err, code)
		}
	}
}

func TestRateKey(t *testing.T) {
	key := RateKey(Keys{APIKey: "pk_1"})
	r := httptest.NewRequest("GET", "/v2/payments", nil)
	r.RemoteAddr = "192.0.2.7:5555"
	if got := key(r); got != "192.0.2.7" {
		t.Errorf("no key: %q", got)
	}
	r.Header.Set("Authorization", "ApiKey made-up")
	if got := key(r); got != "192.0.2.7" {
		t.Errorf("made-up key: %q", got)
	}
	r.Header.Set("Authorization", "ApiKey pk_1")
	if got := key(r); got != "key:pk_1" {
		t.Errorf("the key: %q", got)
	}
}

func TestValidationAs(t *testing.T) {
	f := apierr.FieldError{Field: "iban", Rule: "iban", Message: "iban must be a valid IBAN"}
	err := ValidationAs(apierr.NewCondition(apierr.Validation).WithFields(f), apierr.PYE0003)
	e, ok := apierr.As(err)
	if !ok || e.Code() != apierr.PYE0003 || len(e.Fields()) != 1 || e.Fields()[0] != f {
		t.Errorf("ValidationAs = %v", err)
	}
	bad := apierr.NewCondition(apierr.BadRequest)
	if got := ValidationAs(bad, apierr.PYE0003); got != error(bad) {
		t.Errorf("a bad request became %v", got)
	}
}
