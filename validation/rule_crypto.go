package validation

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"golang.org/x/crypto/sha3"
)

// IsCryptoAddress reports whether s is a Bitcoin or an Ethereum address
// ([IsBitcoinAddress], [IsEthereumAddress]).
func IsCryptoAddress(s string) bool { return IsBitcoinAddress(s) || IsEthereumAddress(s) }

// IsBitcoinAddress reports whether s is a Bitcoin address of mainnet or
// testnet: base58check P2PKH or P2SH, or a segwit address in bech32
// (version 0, BIP-173) or bech32m (versions 1 to 16, BIP-350).
func IsBitcoinAddress(s string) bool { return isBase58Address(s) || isSegwitAddress(s) }

// The version bytes of base58check addresses: P2PKH and P2SH of mainnet,
// then of testnet.
var base58Versions = [...]byte{0x00, 0x05, 0x6f, 0xc4}

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// isBase58Address checks a base58check address: 25 bytes, a known
// version, and the first 4 bytes of the double SHA-256 as the checksum.
func isBase58Address(s string) bool {
	if len(s) < 26 || len(s) > 35 {
		return false
	}
	var b [25]byte
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(base58Alphabet, s[i])
		if d < 0 {
			return false
		}
		carry := d
		for j := len(b) - 1; j >= 0; j-- {
			carry += int(b[j]) * 58
			b[j] = byte(carry)
			carry >>= 8
		}
		if carry != 0 {
			return false // more than 25 bytes
		}
	}
	// Each leading '1' is a leading zero byte, and the decoded number
	// must have exactly as many.
	ones := 0
	for ones < len(s) && s[ones] == '1' {
		ones++
	}
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	if zeros != ones {
		return false
	}
	known := false
	for _, v := range base58Versions {
		known = known || b[0] == v
	}
	if !known {
		return false
	}
	h := sha256.Sum256(b[:21])
	h = sha256.Sum256(h[:])
	return h[0] == b[21] && h[1] == b[22] && h[2] == b[23] && h[3] == b[24]
}

const (
	bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
	bech32Const   = 1
	bech32mConst  = 0x2bc830a3
)

func bech32Polymod(values []byte, chk uint32) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := 0; i < 5; i++ {
			if (top>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}

// isSegwitAddress checks a segwit address of hrp "bc" or "tb" as BIP-173
// and BIP-350 decode it.
func isSegwitAddress(s string) bool {
	if len(s) < 8 || len(s) > 90 {
		return false
	}
	lower, upper := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 33 || c > 126 {
			return false
		}
		lower = lower || c >= 'a' && c <= 'z'
		upper = upper || c >= 'A' && c <= 'Z'
	}
	if lower && upper {
		return false
	}
	s = strings.ToLower(s)
	sep := strings.LastIndexByte(s, '1')
	if sep < 1 || sep+8 > len(s) { // a version and a 6-character checksum
		return false
	}
	hrp := s[:sep]
	if hrp != "bc" && hrp != "tb" {
		return false
	}
	var buf [90]byte
	data := buf[:0]
	for i := sep + 1; i < len(s); i++ {
		d := strings.IndexByte(bech32Charset, s[i])
		if d < 0 {
			return false
		}
		data = append(data, byte(d))
	}
	// The checksum runs over the expanded hrp, then the data.
	var hx [5]byte
	for i := 0; i < len(hrp); i++ {
		hx[i] = hrp[i] >> 5
		hx[len(hrp)+1+i] = hrp[i] & 31
	}
	chk := bech32Polymod(data, bech32Polymod(hx[:2*len(hrp)+1], 1))
	version := data[0]
	prog := data[1 : len(data)-6]
	switch {
	case version == 0 && chk != bech32Const, version > 0 && chk != bech32mConst, version > 16:
		return false
	}
	// The program, 5 bits a character, regrouped into bytes: padding of at
	// most 4 bits, all zero.
	n := len(prog) * 5 / 8
	if len(prog)*5%8 > 4 || n < 2 || n > 40 || version == 0 && n != 20 && n != 32 {
		return false
	}
	bits := len(prog) * 5 % 8
	return bits == 0 || prog[len(prog)-1]&(1<<bits-1) == 0
}

// IsEthereumAddress reports whether s is an Ethereum address: "0x" and 40
// hexadecimal digits, which, if they mix upper and lower case, must carry
// the EIP-55 checksum.
func IsEthereumAddress(s string) bool {
	if len(s) != 42 || s[0] != '0' || s[1] != 'x' {
		return false
	}
	digits := s[2:]
	lower, upper := false, false
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		switch {
		case c >= '0' && c <= '9':
		case c >= 'a' && c <= 'f':
			lower = true
		case c >= 'A' && c <= 'F':
			upper = true
		default:
			return false
		}
	}
	if !lower || !upper {
		return true
	}
	var low [40]byte
	for i := 0; i < 40; i++ {
		c := digits[i]
		if c >= 'A' && c <= 'F' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	h := sha3.NewLegacyKeccak256()
	h.Write(low[:])
	var sum [32]byte
	h.Sum(sum[:0])
	var hx [64]byte
	hex.Encode(hx[:], sum[:])
	// A letter is upper case where the hash's hex digit is 8 or more.
	for i := 0; i < 40; i++ {
		c := digits[i]
		if c < 'A' {
			continue
		}
		wantUpper := hx[i] >= '8'
		if wantUpper != (c <= 'F') {
			return false
		}
	}
	return true
}
