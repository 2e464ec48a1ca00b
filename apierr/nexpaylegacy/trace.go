package nexpaylegacy

import (
	"net/http"
	"strings"

	"github.com/errkit/errkit/apierr"
)

// traceDetail is the detail a parsed body's traceId is kept in.
const traceDetail = "traceId"

// traceID returns the ID the body's traceId is made from: the request's,
// else one kept from a parsed body, else "".
func traceID(e *apierr.Error, r *http.Request) string {
	if r != nil {
		if id := apierr.RequestID(r.Context()); id != "" {
			return id
		}
	}
	if v, ok := e.Detail(traceDetail); ok {
		if s, ok := v.(string); ok && apierr.IsTraceHex(s) {
			return s
		}
	}
	return ""
}

// appendTraceHex appends [apierr.TraceHex] of id, without allocating when id
// is already 32 lower-case hex digits.
func appendTraceHex(dst []byte, id string) []byte {
	if apierr.IsTraceHex(id) {
		return append(dst, strings.ToLower(id)...)
	}
	return append(dst, apierr.TraceHex(id)...)
}
