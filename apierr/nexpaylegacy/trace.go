package nexpaylegacy

import (
	"net/http"

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
