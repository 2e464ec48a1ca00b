package sandbox

import "math/big"

// A pair is a currency pair the sandbox quotes, with its rate and the
// smallest amount it converts.
type pair struct {
	rate    string
	minimum string
}

// pairs are the pairs the sandbox quotes. Any other pair, BRL to USD among
// them, is unavailable ([apierr.QOT0003]).
var pairs = map[[2]string]pair{
	{"EUR", "USD"}: {"1.0850", "10.00"},
	{"USD", "EUR"}: {"0.9216", "10.00"},
	{"GBP", "EUR"}: {"1.1650", "10.00"},
	{"EUR", "GBP"}: {"0.8584", "10.00"},
	{"USD", "BRL"}: {"5.0500", "50.00"},
	{"USD", "MXN"}: {"17.1200", "50.00"},
	{"EUR", "CHF"}: {"0.9420", "10.00"},
}

func mustRat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("sandbox: bad rate " + s)
	}
	return r
}
