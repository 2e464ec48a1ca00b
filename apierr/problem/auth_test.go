package problem

import (
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// TestAuthTypes gives every authentication failure a problem type of its
// own, with the Nexpay v2 code.
func TestAuthTypes(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range kit.AuthFailures() {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/v2/payments", nil)
		if err := apierr.Render(rec, r, Contract, apierr.NewAuthFailure(f).In(Contract)); err != nil {
			t.Fatal(err)
		}
		code := kit.AuthCode(apierr.Nexpay, f)
		typ := "https://errkit.dev/problems/auth/" + f.String()
		status := "401"
		if f == apierr.AuthForbidden {
			status = "403" // GEN9004
		}
		want := `{"type":"` + typ + `","title":"` + f.Title() + `","status":` + status + `,"detail":"` + code.Message() + `","instance":"/v2/payments","code":"` + code.ID() + `"}`
		if rec.Code != code.Status() || rec.Body.String() != want {
			t.Errorf("%s: %d %s\nwant %s", f, rec.Code, rec.Body, want)
		}
		if seen[typ] {
			t.Errorf("%s: type %s twice", f, typ)
		}
		seen[typ] = true
		p, err := Contract.Parse(rec.Code, rec.Body.Bytes())
		if err != nil || p.Code() != code {
			t.Errorf("%s: parsed back as %v, %v", f, p, err)
		}
	}
	if New("").AuthTypeURI(apierr.AuthKeyMissing) != "about:blank" {
		t.Error("no type base")
	}
}
