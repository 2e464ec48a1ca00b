package nexpaylegacy

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"

	"github.com/errkit/errkit/apierr"
)

// traceDetail is the detail a parsed body's traceId is kept in.
const traceDetail = "traceId"

// isTraceHex reports whether s is 32 hex digits.
func isTraceHex(s string) bool {
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

// appendTraceHex appends id as 32 lower-case hex digits: id itself when it
// is 32 hex digits, else the first 16 bytes of its SHA-256.
func appendTraceHex(dst []byte, id string) []byte {
	if isTraceHex(id) {
		for i := 0; i < len(id); i++ {
			c := id[i]
			if c >= 'A' && c <= 'F' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	sum := sha256.Sum256([]byte(id))
	return hex.AppendEncode(dst, sum[:16])
}

// traceID returns the ID the body's traceId is made from: the request's,
// else one kept from a parsed body, else "".
func traceID(e *apierr.Error, r *http.Request) string {
	if r != nil {
		if id := apierr.RequestID(r.Context()); id != "" {
			return id
		}
	}
	if v, ok := e.Detail(traceDetail); ok {
		if s, ok := v.(string); ok && isTraceHex(s) {
			return s
		}
	}
	return ""
}
