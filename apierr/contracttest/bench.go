package contracttest

import (
	"net/http"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// BenchmarkAppendBody measures c's body of code, of a Nexpay v2 code (when
// c's catalogue is another) and of the validation code with two field
// errors, each after the Nexpay v2 body of the same failure as the
// baseline, in the same run. Run it with -benchmem.
func BenchmarkAppendBody(b *testing.B, c apierr.Contract, code apierr.Code) {
	m := apierr.MetaOf(request(http.MethodPost))
	validation := c.Code(apierr.Validation)
	cases := []struct {
		name string
		c    apierr.Contract
		e    *apierr.Error
	}{
		{"baseline-nexpay", apierr.Nexpay, apierr.New(apierr.PAY0001)},
		{"code", c, apierr.New(code)},
		{"foreign-code", c, apierr.New(apierr.PAY0001)},
		{"baseline-nexpay-fields", apierr.Nexpay, apierr.New(apierr.GEN9002).WithFields(someFields...)},
		{"fields", c, apierr.New(validation).WithFields(someFields...)},
	}
	for _, tc := range cases {
		if tc.name == "foreign-code" && c.Catalogue() == apierr.Nexpay.Catalogue() {
			continue
		}
		b.Run(tc.name, func(b *testing.B) {
			buf := make([]byte, 0, 1024)
			b.ReportAllocs()
			for b.Loop() {
				buf, _ = apierr.AppendBody(buf[:0], tc.c, tc.e, m)
			}
		})
	}
}
