package jsonbody

import (
	"strings"
	"testing"
)

func TestClipPath(t *testing.T) {
	long := strings.Repeat("A", 200)
	clipped := strings.Repeat("A", MaxKeyBytes) + "…"
	tests := []struct{ in, want string }{
		{"", ""},
		{"items[12].beneficiary.address.postalCode", "items[12].beneficiary.address.postalCode"},
		{long, clipped},
		{"meta[" + long + "]", "meta[" + clipped + "]"},
		{"meta[" + long + "].amount", "meta[" + clipped + "].amount"},
		{"payee." + long + ".x[3]", "payee." + clipped + ".x[3]"},
		{"meta[" + long, "meta[" + clipped},
		{strings.Repeat("é", 40), strings.Repeat("é", 32) + "…"},
		{"a" + strings.Repeat("é", 40), "a" + strings.Repeat("é", 31) + "…"},
		{strings.Repeat("abcdefgh.", 40), clip(strings.Repeat("abcdefgh.", 40), MaxPathBytes)},
	}
	for _, tt := range tests {
		if got := ClipPath(tt.in); got != tt.want {
			t.Errorf("ClipPath(%.40q...) = %.80q, want %.80q", tt.in, got, tt.want)
		}
	}
}
