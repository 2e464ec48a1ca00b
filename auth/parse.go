package auth

import (
	"encoding/base64"
	"strings"
)

// MaxNonce is the largest nonce accepted: 2^53-1, the largest integer a
// JavaScript client or a Lua script counts exactly.
const MaxNonce = 1<<53 - 1

// maxKeyLen bounds an API key's length.
const maxKeyLen = 256

// ParseNonce parses a nonce header: decimal digits only, at least 1 and at
// most [MaxNonce].
func ParseNonce(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
		if n > MaxNonce {
			return 0, false
		}
	}
	return n, n >= 1
}

// ParseTimestamp parses a timestamp header: Unix seconds, decimal digits
// only, at most 12 of them (the year 33658).
func ParseTimestamp(s string) (int64, bool) {
	if s == "" || len(s) > 12 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// parseHex decodes a hex signature of exactly size bytes into dst, either
// case accepted.
func parseHex(dst []byte, s string, size int) ([]byte, bool) {
	if len(s) != 2*size {
		return nil, false
	}
	for i := 0; i < len(s); i += 2 {
		hi, ok1 := fromHex(s[i])
		lo, ok2 := fromHex(s[i+1])
		if !ok1 || !ok2 {
			return nil, false
		}
		dst = append(dst, hi<<4|lo)
	}
	return dst, true
}

func fromHex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// ValidKeyID reports whether id can be an API key: 1 to 256 printable
// ASCII characters, no space.
func ValidKeyID(id string) bool {
	if id == "" || len(id) > maxKeyLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] > '~' {
			return false
		}
	}
	return true
}

// ParseBasic parses an Authorization header of the Basic scheme (RFC
// 7617): the scheme, case-insensitive, one space, and base64 of
// key:secret. It reports false for anything else, or for an empty key.
func ParseBasic(h string) (key, secret string, ok bool) {
	const scheme = "Basic "
	if len(h) <= len(scheme) || !strings.EqualFold(h[:len(scheme)], scheme) {
		return "", "", false
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(h[len(scheme):]))
	if err != nil {
		return "", "", false
	}
	key, secret, ok = strings.Cut(string(raw), ":")
	if !ok || key == "" {
		return "", "", false
	}
	return key, secret, true
}
