package nexpaylegacy

import (
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// BenchmarkAppendBody measures one error body, against the Nexpay v2 body of
// the same failure as the baseline, in the same run.
func BenchmarkAppendBody(b *testing.B) {
	r := httptest.NewRequest("POST", "/v2/payments", nil)
	r = r.WithContext(apierr.ContextWithRequestID(r.Context(), "b1d88d60011a9bda350b0eef7dc8dcbb"))
	fields := []apierr.FieldError{
		{Field: "amount", Rule: "gt", Param: "0", Message: "amount must be positive"},
		{Field: "currency", Rule: "required", Message: "currency is required"},
	}
	cases := []struct {
		name string
		c    apierr.Contract
		e    *apierr.Error
	}{
		{"baseline-nexpay", apierr.Nexpay, apierr.New(apierr.PAY0001)},
		{"code", Contract, apierr.New(NotFound)},
		{"foreign-code", Contract, apierr.New(apierr.PAY0001)},
		{"baseline-nexpay-fields", apierr.Nexpay, apierr.New(apierr.GEN9002).WithFields(fields...)},
		{"fields", Contract, apierr.New(InvalidRequestParameter).WithFields(fields...)},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			buf := make([]byte, 0, 1024)
			b.ReportAllocs()
			for b.Loop() {
				buf, _ = tc.c.AppendBody(buf[:0], tc.e, r)
			}
		})
	}
}
