package cryptopay

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/errkit/errkit/apierr"
)

// requestIDDetail is the detail a parsed body's meta.request_id is kept in.
const requestIDDetail = "request_id"

// appendRequestID appends the request ID the body carries: the request's,
// else one kept from a parsed body, else a random one.
func appendRequestID(dst []byte, e *apierr.Error, r *http.Request) []byte {
	if r != nil {
		if id := apierr.RequestID(r.Context()); id != "" {
			return appendTraceHex(dst, id)
		}
	}
	if v, ok := e.Detail(requestIDDetail); ok {
		if s, ok := v.(string); ok && apierr.IsTraceHex(s) {
			return appendTraceHex(dst, s)
		}
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.AppendEncode(dst, b[:])
}

// appendTraceHex appends [apierr.TraceHex] of id, without allocating when id
// is already 32 lower-case hex digits.
func appendTraceHex(dst []byte, id string) []byte {
	if apierr.IsTraceHex(id) {
		return append(dst, strings.ToLower(id)...)
	}
	return append(dst, apierr.TraceHex(id)...)
}
