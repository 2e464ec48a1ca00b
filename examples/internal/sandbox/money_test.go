package sandbox

import (
	"math/big"
	"testing"
)

func TestParseAmount(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // "" = refused
	}{
		{"5000.00", "5000.00"},
		{"0.5", "0.50"},
		{"10", "10.00"},
		{"1e5", ""},
		{".5", ""},
		{"5.", ""},
		{"-1", ""},
		{"+1", ""},
		{"0.00", ""},
		{"1.005", ""},
		{"", ""},
		{"12345678901234567890123456789012345", ""},
	} {
		r, ok := parseAmount(tc.in)
		got := ""
		if ok {
			got = formatAmount(r)
		}
		if got != tc.want {
			t.Errorf("parseAmount(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"5000.00", "0.5", "1e5", "-1", "1.005", "", "007", "9999999999999999999.99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, ok := parseAmount(s)
		if !ok {
			return
		}
		if r.Sign() <= 0 {
			t.Fatalf("parseAmount(%q) accepted a non-positive amount", s)
		}
		// Two decimals at most: formatting loses nothing.
		back, _ := new(big.Rat).SetString(formatAmount(r))
		if back.Cmp(r) != 0 {
			t.Fatalf("parseAmount(%q) = %s, more than two decimals", s, r.FloatString(6))
		}
	})
}
