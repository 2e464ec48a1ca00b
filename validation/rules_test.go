package validation

import (
	"strings"
	"testing"
)

func TestIsAmount(t *testing.T) {
	for _, tt := range []struct {
		s     string
		scale int
		want  bool
	}{
		{"5000.00", 2, true},
		{"5000", 2, true},
		{"0.5", 2, true},
		{"0.01", 2, true},
		{"1.005", 3, true},
		{"123456789012345678901234567890.12", 2, true},
		{"1.005", -1, true},
		{"1.005", 2, false},
		{"1e5", 2, false},
		{".5", 2, false},
		{"5.", 2, false},
		{"-1", 2, false},
		{"+1", 2, false},
		{"0", 2, false},
		{"0.00", 2, false},
		{"007", 2, false},
		{"00.5", 2, false},
		{"", 2, false},
		{" 1", 2, false},
		{"1 ", 2, false},
		{"1,00", 2, false},
		{"1.2.3", 2, false},
		{"NaN", 2, false},
		{"Infinity", 2, false},
		{"0x10", 2, false},
		{"١٢", 2, false},
		{"1.0", 0, false},
		{"10", 0, true},
	} {
		if got := IsAmount(tt.s, tt.scale); got != tt.want {
			t.Errorf("IsAmount(%q, %d) = %v, want %v", tt.s, tt.scale, got, tt.want)
		}
	}
}

// The examples of the SWIFT IBAN registry.
var validIBANs = []string{
	"AD1200012030200359100100", "AE070331234567890123456", "AL47212110090000000235698741",
	"AT611904300234573201", "AZ21NABZ00000000137010001944", "BA391290079401028494",
	"BE68539007547034", "BG80BNBG96611020345678", "BH67BMAG00001299123456",
	"BR1800360305000010009795493C1", "CH9300762011623852957", "CR05015202001026284066",
	"CY17002001280000001200527600", "CZ6508000000192000145399", "DE89370400440532013000",
	"DK5000400440116243", "DO28BAGR00000001212453611324", "EE382200221020145685",
	"ES9121000418450200051332", "FI2112345600000785", "FO6264600001631634",
	"FR1420041010050500013M02606", "GB29NWBK60161331926819", "GE29NB0000000101904917",
	"GI75NWBK000000007099453", "GL8964710001000206", "GR1601101250000000012300695",
	"GT82TRAJ01020000001210029690", "HR1210010051863000160", "HU42117730161111101800000000",
	"IE29AIBK93115212345678", "IL620108000000099999999", "IS140159260076545510730339",
	"IT60X0542811101000000123456", "JO94CBJO0010000000000131000302", "KW81CBKU0000000000001234560101",
	"KZ86125KZT5004100100", "LB62099900000001001901229114", "LI21088100002324013AA",
	"LT121000011101001000", "LU280019400644750000", "LV80BANK0000435195001",
	"MC5811222000010123456789030", "MD24AG000225100013104168", "ME25505000012345678951",
	"MK07250120000058984", "MR1300020001010000123456753", "MT84MALT011000012345MTLCAST001S",
	"MU17BOMM0101101030300200000MUR", "NL91ABNA0417164300", "NO9386011117947",
	"PK36SCBL0000001123456702", "PL61109010140000071219812874", "PS92PALS000000000400123456702",
	"PT50000201231234567890154", "QA58DOHB00001234567890ABCDEFG", "RO49AAAA1B31007593840000",
	"RS35260005601001611379", "SA0380000000608010167519", "SE4550000000058398257466",
	"SI56263300012039086", "SK3112000000198742637541", "SM86U0322509800000000270100",
	"TN5910006035183598478831", "TR330006100519786457841326", "UA213223130000026007233566001",
	"VG96VPVG0000012345678901", "XK051212012345678906",
}

func TestIsIBAN(t *testing.T) {
	for _, s := range validIBANs {
		if !IsIBAN(s) {
			t.Errorf("IsIBAN(%q) = false", s)
		}
		if n := ibanLengths[s[:2]]; n != len(s) {
			t.Errorf("%s: registry length %d, example length %d", s[:2], n, len(s))
		}
	}
	for _, s := range []string{
		"",
		"GB29",
		"GB28NWBK60161331926819",  // check digits
		"GB29NWBK60161331926818",  // account
		"GB29NWBK6016133192681",   // too short for GB
		"GB29NWBK601613319268190", // too long for GB
		"GB29 NWBK 6016 1331 9268 19",
		"gb29nwbk60161331926819",
		"XX29NWBK60161331926819", // no such country
		"GBX9NWBK60161331926819",
		"DE89370400440532013000\n",
		"DE89-370400440532013000",
	} {
		if IsIBAN(s) {
			t.Errorf("IsIBAN(%q) = true", s)
		}
	}
}

// BIP-173 and BIP-350 valid segwit addresses, and base58check addresses.
var validBitcoin = []string{
	"BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
	"tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
	"bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
	"BC1SW50QGDZ25J",
	"bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
	"tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
	"tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c",
	"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
	"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
	"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
	"3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
	"mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn",
	"2MzQwSSnBHWHqSAqtTVQ6v47XtaisrJa1Vc",
}

// BIP-173 and BIP-350 invalid addresses, and broken base58check ones.
var invalidBitcoin = []string{
	// BIP-350
	"tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut",
	"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
	"tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf",
	"BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",
	"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
	"tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47",
	"bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",
	"BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",
	"bc1pw5dgrnzv",
	"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",
	"BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",
	"tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq",
	"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",
	"tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j",
	"bc1gmk9yu",
	// BIP-173
	"tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty",
	"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
	"BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2",
	"bc1rw5uspcuh",
	"bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90",
	"tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7",
	"bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du",
	"tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv",
	// base58check
	"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3",  // checksum
	"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN",   // short
	"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2x", // long
	"0BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",  // not base58
	"11BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
	"",
	"1",
	strings.Repeat("1", 35),
}

func TestIsBitcoinAddress(t *testing.T) {
	for _, s := range validBitcoin {
		if !IsBitcoinAddress(s) || !IsCryptoAddress(s) {
			t.Errorf("IsBitcoinAddress(%q) = false", s)
		}
	}
	for _, s := range invalidBitcoin {
		if IsBitcoinAddress(s) {
			t.Errorf("IsBitcoinAddress(%q) = true", s)
		}
	}
}

// EIP-55's test vectors: all caps, all lower case, and checksummed.
var validEthereum = []string{
	"0x52908400098527886E0F7030069857D2E4169EE7",
	"0x8617E340B3D01FA5F11F306F4090FD50E238070D",
	"0xde709f2102306220921060314715629080e2fb77",
	"0x27b1fdb04752bbc536007a920d24acb045561c26",
	"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
	"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
	"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
	"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
}

func TestIsEthereumAddress(t *testing.T) {
	for _, s := range validEthereum {
		if !IsEthereumAddress(s) || !IsCryptoAddress(s) {
			t.Errorf("IsEthereumAddress(%q) = false", s)
		}
	}
	for _, s := range []string{
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", // checksum: last letter's case
		"0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
		"0xfb6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
		"5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
		"0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe",
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd",
		"0xg2908400098527886E0F7030069857D2E4169EE7",
		"",
	} {
		if IsEthereumAddress(s) || IsCryptoAddress(s) {
			t.Errorf("IsEthereumAddress(%q) = true", s)
		}
	}
}

func TestIsFormat(t *testing.T) {
	for _, tt := range []struct {
		name, s string
		want    bool
	}{
		{"uuid", "a8098c1a-f86e-11da-bd1a-00112444be1e", true},
		{"uuid", "not-a-uuid", false},
		{"date-time", "2026-01-15T10:30:00.000Z", true},
		{"date-time", "2026-01-15 10:30", false},
		{"datetime", "2026-01-15T10:30:00Z", true},
		{"email", "a@example.com", true},
		{"email", "nope", false},
		{"date", "2026-01-15", true},
		{"date", "2026-13-15", false},
	} {
		if got := IsFormat(tt.name, tt.s); got != tt.want {
			t.Errorf("IsFormat(%q, %q) = %v, want %v", tt.name, tt.s, got, tt.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("no panic for an unknown format")
		}
	}()
	IsFormat("no-such-format", "x")
}

func TestRuleTags(t *testing.T) {
	type req struct {
		Amount   string  `json:"amount" validate:"amount=2"`
		Any      string  `json:"any" validate:"amount"`
		IBAN     string  `json:"iban" validate:"iban"`
		Country  string  `json:"country" validate:"iso3166"`
		BTC      string  `json:"btc" validate:"btc_address"`
		ETH      string  `json:"eth" validate:"eth_address"`
		Crypto   string  `json:"crypto" validate:"crypto_address"`
		ID       string  `json:"id" validate:"strfmt=uuid"`
		When     string  `json:"when" validate:"strfmt=date-time"`
		Currency string  `json:"currency" validate:"iso4217"`
		BIC      string  `json:"bic" validate:"bic"`
		Ptr      *string `json:"ptr" validate:"omitempty,amount=2"`
		Number   int     `json:"number" validate:"amount"`
	}
	v := New()
	amount := "1.50"
	ok := req{
		Amount: "5000.00", Any: "1.2345", IBAN: "GB29NWBK60161331926819", Country: "BR",
		BTC: validBitcoin[0], ETH: validEthereum[4], Crypto: validEthereum[0],
		ID: "a8098c1a-f86e-11da-bd1a-00112444be1e", When: "2026-01-15T10:30:00.000Z",
		Currency: "BRL", BIC: "DEUTDEFF500", Ptr: &amount, Number: 1,
	}
	err := v.Validate(ok)
	if len(Fields(err)) != 1 || Fields(err)[0].Field != "number" {
		t.Fatalf("valid request: %v %+v", err, Fields(err))
	}
	bad := "1.001"
	fields := Fields(v.Validate(req{
		Amount: "1e5", Any: "-1", IBAN: "GB28NWBK60161331926819", Country: "br",
		BTC: "bc1gmk9yu", ETH: "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", Crypto: "x",
		ID: "x", When: "yesterday", Currency: "XYZ", BIC: "DEUT", Ptr: &bad,
	}))
	want := map[string]string{
		"amount":   "amount must be a positive decimal string",
		"any":      "any must be a positive decimal string",
		"iban":     "iban must be a valid IBAN",
		"country":  "country must be an ISO 3166-1 alpha-2 country code",
		"btc":      "btc must be a valid Bitcoin address",
		"eth":      "eth must be a valid Ethereum address",
		"crypto":   "crypto must be a valid cryptocurrency address",
		"id":       "id must be a valid uuid",
		"when":     "when must be a valid date-time",
		"currency": "currency must be an ISO 4217 currency code",
		"bic":      "bic must be a valid BIC",
		"ptr":      "ptr must have at most 2 decimal places",
		"number":   "number must be a positive decimal string",
	}
	if len(fields) != len(want) {
		t.Errorf("got %d fields, want %d: %+v", len(fields), len(want), fields)
	}
	for _, f := range fields {
		if want[f.Field] != f.Message {
			t.Errorf("%s: message %q, want %q", f.Field, f.Message, want[f.Field])
		}
	}
}
