package cryptopay

import (
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// TestBodyAgreesWithStatus renders every code of this catalogue and of
// Nexpay v2, and errors parsed from Nexpay v2 bodies with an unknown code,
// through apierr.Render, and checks that the body parses back, without
// being told the status, to an error of the status that was sent.
func TestBodyAgreesWithStatus(t *testing.T) {
	var errs []*apierr.Error
	for _, code := range append(Contract.Catalogue().Codes(), apierr.Nexpay.Catalogue().Codes()...) {
		errs = append(errs, apierr.New(code))
	}
	for _, status := range []int{400, 404, 418, 422, 451, 500, 503, 599} {
		e, err := apierr.Parse(status, []byte(`{"code":"[XYZ0001]","message":"[XYZ0001] Something"}`))
		if err != nil {
			t.Fatal(err)
		}
		errs = append(errs, e)
	}
	errs = append(errs, apierr.New(0), nil)
	for _, e := range errs {
		rec := httptest.NewRecorder()
		if err := apierr.Render(rec, httptest.NewRequest("GET", "/x", nil), Contract, e); err != nil {
			t.Fatal(err)
		}
		p, err := Contract.Parse(0, rec.Body.Bytes())
		if err != nil {
			t.Fatalf("%v: %v", e, err)
		}
		if p.Status() != rec.Code {
			t.Errorf("%v: sent %d, body says %d: %s", e, rec.Code, p.Status(), rec.Body)
		}
	}
}
