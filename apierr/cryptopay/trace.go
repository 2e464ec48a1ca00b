package cryptopay

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"

	"github.com/errkit/errkit/apierr"
)

// requestIDDetail is the detail a parsed body's meta.request_id is kept in.
const requestIDDetail = "request_id"

// appendRequestID appends the request ID the body carries: the request's,
// else one kept from a parsed body, else a random one.
func appendRequestID(dst []byte, e *apierr.Error, r *http.Request) []byte {
	if r != nil {
		if id := apierr.RequestID(r.Context()); id != "" {
			return apierr.AppendTraceHex(dst, id)
		}
	}
	if v, ok := e.Detail(requestIDDetail); ok {
		if s, ok := v.(string); ok && apierr.IsTraceHex(s) {
			return apierr.AppendTraceHex(dst, s)
		}
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.AppendEncode(dst, b[:])
}
