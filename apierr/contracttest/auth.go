package contracttest

import (
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// testAuthFailures holds the codes of authentication failures to 4xx,
// unless c has no table of its own and answers [apierr.Unauthorized]
// with a 5xx (a contract with no code for it).
func testAuthFailures(t *testing.T, c apierr.Contract) {
	_, table := c.(interface {
		AuthCode(apierr.AuthFailure) apierr.Code
	})
	client := table || c.Code(apierr.Unauthorized).Status() < 500
	for _, f := range kit.AuthFailures() {
		code := kit.AuthCode(c, f)
		if !code.Valid() || code.Catalogue() != c.Catalogue() || code.Status() < 400 || client && code.Status() > 499 {
			t.Errorf("%s: code %s of status %d is not a 4xx code of the catalogue", f, code, code.Status())
			continue
		}
		rec := render(t, c, apierr.NewAuthFailure(f).In(c))
		if rec.Code != code.Status() {
			t.Errorf("%s: rendered with status %d, want %d", f, rec.Code, code.Status())
		}
		e, err := c.Parse(rec.Code, rec.Body.Bytes())
		if err != nil || e.Status() != code.Status() || e.PublicText() != code.Message() && e.ID() != code.ID() {
			t.Errorf("%s: parsed back as %v, %v; want %s", f, e, err, code.ID())
		}
	}
}
