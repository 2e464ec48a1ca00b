package middleware

import (
	"encoding/binary"
	"math/rand/v2"
	"net/http"
	"sync"
	"unsafe"

	"github.com/errkit/errkit/apierr"
)

// RequestIDHeader is the header a request ID is read from and echoed in.
const RequestIDHeader = "X-Request-Id"

// MaxRequestIDLen is the longest incoming request ID accepted.
const MaxRequestIDLen = 64

// ValidRequestID reports whether id is accepted as an incoming request ID:
// 1 to [MaxRequestIDLen] bytes of letters, digits and "-_.:".
func ValidRequestID(id string) bool {
	if id == "" || len(id) > MaxRequestIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':') {
			return false
		}
	}
	return true
}

// RequestID gives each request an ID: the incoming X-Request-Id when it is
// valid ([ValidRequestID]), else the trace ID of a valid W3C traceparent,
// else a new one of 32 hex digits. The ID replaces the request's
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
// X-Request-Id header and the response header h to it, without allocating
// when the incoming ID is kept. Other doors (echo) call it.
func SetRequestID(h http.Header, r *http.Request) { setRequestID(h, r, nil, TraceID) }

// setRequestID is SetRequestID cutting new IDs from slab, when not nil,
// rather than from a pooled one, and reading the trace ID with trace.
func setRequestID(h http.Header, r *http.Request, slab *idSlab, trace func(*http.Request) (string, bool)) {
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
	} else if slab != nil {
		vals = slab.take()
	} else {
		vals = newRequestID()
	}
	if r.Header == nil {
		r.Header = make(http.Header)
	}
	r.Header[RequestIDHeader] = vals
	h[RequestIDHeader] = vals
}

// RequestIDFrom returns the request's ID: the one carried by its context
// ([apierr.ContextWithRequestID]), else its X-Request-Id header when valid,
// else "".
//
// An ID the middleware made shares its memory with up to 63 others made
// alongside it, so that requests cost no allocation: to keep one long
// after its request (in a database row, a long-lived map), keep
// strings.Clone(id), 32 bytes, rather than the 3 KiB its batch holds.
func RequestIDFrom(r *http.Request) string {
	if id := apierr.RequestID(r.Context()); id != "" {
		return id
	}
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

// New IDs are cut from blocks of idBatch: one allocation holds a block's
// hex and its header values, so that a request costs no allocation of its
// own. An ID's strings and values are never written again once handed out.
const idBatch = 64

type idBlock struct {
	ids [idBatch]string    // the header values, one element each
	buf [idBatch * 32]byte // 32 hex digits each
}

type idSlab struct {
	blk  *idBlock
	next int
}

var slabPool = sync.Pool{New: func() any { return new(idSlab) }}

// take returns the next ID of b as a header value slice of length and
// capacity 1 (an append copies it): 128 random bits in 32 hex digits.
func (b *idSlab) take() []string {
	if b.blk == nil || b.next == idBatch {
		b.blk = new(idBlock)
		b.next = 0
	}
	i := b.next
	b.next++
	p := b.blk.buf[i*32 : i*32+32 : i*32+32]
	x, y := rand.Uint64(), rand.Uint64()
	binary.LittleEndian.PutUint64(p[0:], hex8(x))
	binary.LittleEndian.PutUint64(p[8:], hex8(x>>4))
	binary.LittleEndian.PutUint64(p[16:], hex8(y))
	binary.LittleEndian.PutUint64(p[24:], hex8(y>>4))
	b.blk.ids[i] = unsafe.String(&p[0], 32)
	return b.blk.ids[i : i+1 : i+1]
}

// hex8 turns the low nibble of each byte of x into a lowercase hex digit,
// eight at once: '0'+n, plus 39 more ('a'-'0'-10) where n is 10 or above.
// Each nibble of a random word gives a uniform digit; which nibble lands in
// which place does not matter for a random ID.
func hex8(x uint64) uint64 {
	const lo, ones = 0x0f0f0f0f0f0f0f0f, 0x0101010101010101
	x &= lo
	over9 := (x + 6*ones) >> 4 & ones
	return x + '0'*ones + over9*39
}

func newRequestID() []string {
	b := slabPool.Get().(*idSlab)
	v := b.take()
	slabPool.Put(b)
	return v
}
