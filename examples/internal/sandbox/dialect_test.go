package sandbox

import (
	"errors"
	"testing"

	"github.com/errkit/errkit/apierr"
)

func classifyAsIs(err error, c apierr.Contract) (*apierr.Error, bool) {
	if e, ok := apierr.As(err); ok {
		return e, true
	}
	return apierr.Wrap(err, c.Code(apierr.Internal)), true
}

func TestDialectClassifier(t *testing.T) {
	for _, name := range ContractNames() {
		d, err := DialectNamed(name)
		if err != nil {
			t.Fatal(err)
		}
		classify := d.Classifier(classifyAsIs)
		own := d.Contract.Catalogue() == apierr.Nexpay.Catalogue()
		for _, tc := range []struct {
			in   *apierr.Error
			role apierr.Code
		}{
			{apierr.New(apierr.GEN9003).WithHeader("WWW-Authenticate", "ApiKey"), d.Roles.MissingCredentials},
			{apierr.New(apierr.AUT0003), d.Roles.InvalidCredentials},
			{apierr.New(apierr.GEN9004), d.Roles.Forbidden},
			{apierr.New(apierr.PAY0001).With("id", "p_1"), d.Roles.ResourceNotFound},
			{apierr.New(apierr.PYE0003).WithFields(apierr.FieldError{Field: "iban", Message: "iban must be a valid IBAN"}), d.Contract.Code(apierr.Validation)},
			{apierr.New(apierr.QOT0003), 0},
			{apierr.New(apierr.GEN9404), 0},
		} {
			got, ok := classify(tc.in, d.Contract)
			want := tc.in.Code()
			if !own && tc.role != 0 {
				want = tc.role
			}
			if !ok || got.Code() != want {
				t.Errorf("%s: %s became %v, want %s", name, tc.in.ID(), got, want.ID())
				continue
			}
			if !errors.Is(got, tc.in.Code()) {
				t.Errorf("%s: %s lost its cause", name, tc.in.ID())
			}
			if len(got.Details()) != len(tc.in.Details()) || len(got.Header()) != len(tc.in.Header()) {
				t.Errorf("%s: %s lost details or headers: %+v", name, tc.in.ID(), got)
			}
		}
	}
	if _, err := DialectNamed("soap"); err == nil {
		t.Error("an unknown contract was accepted")
	}
}
