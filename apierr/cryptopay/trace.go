package cryptopay

import (
	"crypto/rand"
	"encoding/hex"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// requestIDDetail is the detail a parsed body's meta.request_id is kept in.
const requestIDDetail = "request_id"

// appendRequestID appends the request ID the body carries: the request's
// trace ID, else one kept from a parsed body (lower-cased), else a random
// one.
func appendRequestID(dst []byte, b apierr.Body) []byte {
	if t := b.Meta.TraceID; kit.IsTraceHex(t) {
		return append(dst, strings.ToLower(t)...) // t itself when it already is
	}
	for _, d := range b.Details {
		if s, ok := d.Value.(string); ok && d.Key == requestIDDetail && kit.IsTraceHex(s) {
			return append(dst, strings.ToLower(s)...)
		}
	}
	var r [16]byte
	_, _ = rand.Read(r[:])
	return hex.AppendEncode(dst, r[:])
}
