package validation

import (
	"reflect"

	"github.com/go-playground/validator/v10"
)

// The tags of the payment rules every [Validator] has, besides
// validator/v10's own (iso4217 and bic among them).
const (
	// ruleAmount: a positive decimal string such as "5000.00"; amount=2
	// allows at most 2 decimal places.
	ruleAmount = "amount"
	// ruleIBAN: an IBAN in electronic form, of its country's length, with
	// valid mod-97 check digits.
	ruleIBAN = "iban"
	// ruleCountry: an ISO 3166-1 alpha-2 country code, upper case.
	ruleCountry = "iso3166"
	// ruleBTCAddress: a Bitcoin address, base58check (P2PKH, P2SH) or
	// segwit (bech32, bech32m), mainnet or testnet.
	ruleBTCAddress = "btc_address"
	// ruleETHAddress: an Ethereum address, with a valid EIP-55 checksum
	// when it mixes cases.
	ruleETHAddress = "eth_address"
	// ruleCryptoAddress: a Bitcoin or Ethereum address.
	ruleCryptoAddress = "crypto_address"
	// ruleStrfmt: a string format of strfmt.Default by name
	// (strfmt=uuid, strfmt=date-time).
	ruleStrfmt = "strfmt"
)

// Rules returns the tags of the payment rules every [Validator] registers,
// besides validator/v10's built-in ones.
func Rules() []string {
	return []string{ruleAmount, ruleIBAN, ruleCountry, ruleBTCAddress, ruleETHAddress, ruleCryptoAddress, ruleStrfmt}
}

func registerRules(v *validator.Validate) error {
	for tag, fn := range map[string]validator.Func{
		ruleAmount:        isAmount,
		ruleIBAN:          stringRule(IsIBAN),
		ruleBTCAddress:    stringRule(IsBitcoinAddress),
		ruleETHAddress:    stringRule(IsEthereumAddress),
		ruleCryptoAddress: stringRule(IsCryptoAddress),
		ruleStrfmt:        isStrfmt,
	} {
		if err := v.RegisterValidation(tag, fn); err != nil {
			return err
		}
	}
	v.RegisterAlias(ruleCountry, "iso3166_1_alpha2")
	return nil
}

// stringRule is a rule that holds for a string field (or a pointer to one)
// whose value passes ok.
func stringRule(ok func(string) bool) validator.Func {
	return func(fl validator.FieldLevel) bool {
		s, isString := fieldString(fl)
		return isString && ok(s)
	}
}

func fieldString(fl validator.FieldLevel) (string, bool) {
	f := fl.Field()
	if f.Kind() != reflect.String {
		return "", false
	}
	return f.String(), true
}
