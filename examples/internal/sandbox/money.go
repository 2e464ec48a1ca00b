package sandbox

import (
	"math/big"

	"github.com/errkit/errkit/validation"
)

// parseAmount reads a positive decimal amount string of at most two
// decimals ("5000.00") as a rational: what the amount=2 rule requests are
// validated with accepts, and nothing else.
func parseAmount(s string) (*big.Rat, bool) {
	if len(s) > 32 || !validation.IsAmount(s, 2) {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok || r.Sign() <= 0 {
		return nil, false
	}
	return r, true
}

// formatAmount writes r with two decimals, rounded half away from zero.
func formatAmount(r *big.Rat) string { return r.FloatString(2) }
