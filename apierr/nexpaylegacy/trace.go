package nexpaylegacy

import (
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// traceDetail is the detail a parsed body's traceId is kept in.
const traceDetail = "traceId"

// traceID returns the body's traceId: the request's trace ID, else one
// kept from a parsed body (lower-cased), else "".
func traceID(b apierr.Body) string {
	if t := b.Meta.TraceID; kit.IsTraceHex(t) {
		return strings.ToLower(t) // t itself when it already is
	}
	for _, d := range b.Details {
		if s, ok := d.Value.(string); ok && d.Key == traceDetail && kit.IsTraceHex(s) {
			return strings.ToLower(s)
		}
	}
	return ""
}
