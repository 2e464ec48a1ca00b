package apierr

import (
	"net/http"

	"github.com/errkit/errkit/apierr/internal/wire"
	"github.com/errkit/errkit/internal/reqid"
)

// Meta is what a contract may show of the request it answers. Contracts
// show it as it is: TraceID is derived from the request ID (kit.TraceHex
// of package apierr/kit), worked out by whoever builds the Meta, and only
// when the contract shows a trace (kit.ShowsTrace: the contract has a
// method ShowsTrace() bool that returns true).
type Meta struct {
	RequestID string // the request's ID as answered in X-Request-ID; "" if none
	TraceID   string // the 32 lowercase hex digits a contract's trace field shows (legacy traceId, Cryptopay meta.request_id), kit.TraceHex of RequestID; "" if none
	Instance  string // the request path (RFC 9457 instance)
	Method    string // the request method; a HEAD gets the headers only
}

// MetaOf returns what a bare request offers a contract: the request ID of
// its X-Request-Id header (which the middleware's RequestID sets) when that
// is a valid ID (up to 64 letters, digits and -_.:), the trace
// ID derived from it (kit.TraceHex), its escaped path and its method. A nil r
// offers nothing.
func MetaOf(r *http.Request) Meta {
	return metaOf(r, true)
}

// metaOf is [MetaOf], deriving the trace ID only when trace is true.
func metaOf(r *http.Request, trace bool) Meta {
	if r == nil {
		return Meta{}
	}
	m := Meta{Method: r.Method}
	if v := r.Header["X-Request-Id"]; len(v) > 0 && reqid.Valid(v[0]) {
		m.RequestID = v[0]
	}
	if trace && m.RequestID != "" {
		m.TraceID = wire.TraceHex(m.RequestID)
	}
	if r.URL != nil {
		m.Instance = r.URL.EscapedPath()
	}
	return m
}
