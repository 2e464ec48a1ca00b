package sandbox

import (
	"math/big"
	"strings"
)

// parseAmount reads a positive decimal amount string ("5000.00") as a
// rational. It refuses exponents, signs and more than two decimals, so it
// agrees with the amount rule requests are validated with.
func parseAmount(s string) (*big.Rat, bool) {
	if s == "" || len(s) > 32 {
		return nil, false
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" || hasDot && (frac == "" || len(frac) > 2) {
		return nil, false
	}
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return nil, false
			}
		}
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok || r.Sign() <= 0 {
		return nil, false
	}
	return r, true
}

// formatAmount writes r with two decimals, rounded half away from zero.
func formatAmount(r *big.Rat) string { return r.FloatString(2) }
