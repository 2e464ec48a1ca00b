package apierr

import (
	"crypto/sha256"
	"encoding/hex"
)

// TraceHex returns the 32 lower-case hex digits of a trace field (Nexpay
// legacy traceId, Cryptopay meta.request_id) for a request ID: the ID itself
// when it is 32 hex digits (a W3C trace ID), else the first 16 bytes of its
// SHA-256, so one request always shows one trace. It is how [MetaOf]
// derives [Meta].TraceID.
func TraceHex(id string) string {
	if isLowerTraceHex(id) {
		return id
	}
	if IsTraceHex(id) {
		b := []byte(id)
		for i, c := range b {
			if c >= 'A' && c <= 'F' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b)
	}
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:16])
}

// IsTraceHex reports whether s is 32 hex digits.
func IsTraceHex(s string) bool {
	if len(s) != 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

func isLowerTraceHex(s string) bool {
	if len(s) != 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
