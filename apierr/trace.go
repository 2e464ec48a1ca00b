package apierr

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/errkit/errkit/apierr/internal/wire"
)

// TraceHex returns the 32 lower-case hex digits of a trace field (Nexpay
// legacy traceId, Cryptopay meta.request_id) for a request ID: the ID itself
// when it is 32 hex digits (a W3C trace ID), else the first 16 bytes of its
// SHA-256, so one request always shows one trace. It is how [MetaOf]
// derives [Meta].TraceID.
func TraceHex(id string) string {
	if wire.IsTraceHex(id) {
		return strings.ToLower(id) // id itself when it already is
	}
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:16])
}
