package middleware

import (
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"net/http"

	"github.com/errkit/errkit/internal/reqid"
)

// RequestIDHeader is the header a request ID is read from and echoed in.
const RequestIDHeader = "X-Request-Id"

// MaxRequestIDLen is the longest incoming request ID accepted.
const MaxRequestIDLen = reqid.MaxLen

// ValidRequestID reports whether id is accepted as an incoming request ID:
// 1 to [MaxRequestIDLen] bytes of letters, digits and "-_.:".
func ValidRequestID(id string) bool { return reqid.Valid(id) }

// RequestID gives each request an ID: the incoming X-Request-Id when it is
// valid ([ValidRequestID]), else the trace ID of a valid W3C traceparent
// (of the set's trace source, see [WithTraceSource]), else a new one of 32
// hex digits. The ID replaces the request's
// X-Request-Id header, so handlers read it with [RequestIDFrom], and is
// echoed in the response's. A garbage or oversized incoming ID is dropped,
// never reflected.
func (s *Set) RequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.SetRequestID(w.Header(), r)
		next.ServeHTTP(w, r)
	})
}

// SetRequestID gives r its ID, as [Set.RequestID] chooses it: it sets r's
// X-Request-Id header and the response header h to it. Other doors (echo)
// call it; [Set.SetRequestID] reads the set's trace source instead of the
// traceparent header.
func SetRequestID(h http.Header, r *http.Request) { setRequestID(h, r, TraceID) }

// setRequestID is SetRequestID reading the trace ID with trace.
func setRequestID(h http.Header, r *http.Request, trace func(*http.Request) (string, bool)) {
	in := r.Header[RequestIDHeader]
	if len(in) > 0 && ValidRequestID(in[0]) {
		vals := in[:1:1]
		if len(in) != 1 {
			r.Header[RequestIDHeader] = vals
		}
		h[RequestIDHeader] = vals
		return
	}
	var vals []string
	if tid, ok := trace(r); ok {
		vals = []string{tid}
	} else {
		vals = newRequestID()
	}
	if r.Header == nil {
		r.Header = make(http.Header)
	}
	r.Header[RequestIDHeader] = vals
	h[RequestIDHeader] = vals
}

// RequestIDFrom returns the request's ID: its X-Request-Id header (which
// [Set.RequestID] sets) when valid, else "".
func RequestIDFrom(r *http.Request) string {
	if v := r.Header[RequestIDHeader]; len(v) > 0 && ValidRequestID(v[0]) {
		return v[0]
	}
	return ""
}

// TraceID returns the trace ID of the request's W3C traceparent header
// ("00-<32 hex>-<16 hex>-<2 hex>"), when it is valid.
func TraceID(r *http.Request) (string, bool) {
	v := r.Header["Traceparent"]
	if len(v) == 0 {
		return "", false
	}
	tp := v[0]
	if len(tp) < 55 || tp[2] != '-' || tp[35] != '-' || tp[52] != '-' || len(tp) > 55 && tp[55] != '-' {
		return "", false
	}
	if !lowerHex(tp[:2]) || tp[:2] == "ff" || len(tp) > 55 && tp[:2] == "00" ||
		!lowerHex(tp[3:35]) || !lowerHex(tp[36:52]) || !lowerHex(tp[53:55]) ||
		zeros(tp[3:35]) || zeros(tp[36:52]) {
		return "", false
	}
	return tp[3:35], true
}

func lowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func zeros(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' {
			return false
		}
	}
	return true
}

// newRequestID returns a new request ID as a header value: 128 random
// bits in 32 lowercase hex digits.
func newRequestID() []string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], rand.Uint64())
	binary.LittleEndian.PutUint64(b[8:], rand.Uint64())
	return []string{hex.EncodeToString(b[:])}
}
