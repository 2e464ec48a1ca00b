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

// ShowsTrace reports whether contract c's bodies show a trace ID
// ([Meta].TraceID): whether c, or a contract it overrides (see
// [Override]), has a method ShowsTrace() bool that returns true. Whoever
// builds a [Meta] for [RenderMeta] derives the trace ID ([TraceHex]) only
// for such a contract; the others never read it.
func ShowsTrace(c Contract) bool {
	for c != nil {
		if t, ok := c.(interface{ ShowsTrace() bool }); ok {
			return t.ShowsTrace()
		}
		u, ok := c.(interface{ Unwrap() Contract })
		if !ok {
			return false
		}
		c = u.Unwrap()
	}
	return false
}
