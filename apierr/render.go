package apierr

import (
	"net/http"
	"sync"

	"github.com/errkit/errkit/apierr/internal/wire"
)

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

const maxPooled = 64 << 10

// AppendBody appends e's body as contract c (nil means [Nexpay]) renders
// it for a request of m: the bytes [RenderMeta] writes, the code, message
// and status resolved once and then c's own AppendBody. A nil e is c's
// internal error. It fails, where RenderMeta would answer the contract's
// 500 instead, for a detail JSON cannot carry. Tools and tests use it: the
// OpenAPI examples, a contract's own tests.
func AppendBody(dst []byte, c Contract, e *Error, m Meta) ([]byte, error) {
	if c == nil {
		c = nexpay
	}
	if e == nil {
		e = New(c.Code(Internal))
	}
	return c.AppendBody(dst, resolve(c, e, m))
}

// Render writes e to w as contract c's body for request r: [RenderMeta]
// with [MetaOf](r), whose trace ID is derived only when c shows one
// (kit.ShowsTrace). r may be nil.
func Render(w http.ResponseWriter, r *http.Request, c Contract, e *Error) error {
	if c == nil {
		c = nexpay
	}
	return RenderMeta(w, c, e, metaOf(r, wire.ShowsTrace(c)))
}

// RenderMeta writes e to w as contract c's body (c nil means [Nexpay]) for
// the request m describes, as m says it (m.TraceID is shown as it is, see
// [Meta]): the status, Content-Type,
// X-Content-Type-Options: nosniff, Cache-Control: no-store, Retry-After and
// the error's other headers, then the body, in one Write. The code, message
// and status are decided once, with c (overrides included), and the status
// line always equals the body's status. A HEAD request gets the headers
// only. An error that asks the client to come back later (a 429 or 503, or
// c's code for [RateLimited], [Unavailable] or [Maintenance]) always has a
// Retry-After of whole seconds, at least 1: the default (see
// [SetDefaultRetryAfter]) when it carries none.
//
// The body is built before anything is written: if e's details cannot be
// encoded (a channel, NaN), the client gets the contract's 500 instead,
// complete and valid. RenderMeta does not know whether w was already
// written to; the middleware package guards that. The error returned is
// w's.
func RenderMeta(w http.ResponseWriter, c Contract, e *Error, m Meta) error {
	if c == nil {
		c = nexpay
	}
	if e == nil {
		e = New(c.Code(Internal))
	}
	b := resolve(c, e, m)
	bp := bufPool.Get().(*[]byte)
	body, err := c.AppendBody((*bp)[:0], b)
	if err != nil {
		b = resolve(c, Wrap(err, c.Code(Internal)).At(b.Time), m)
		body, err = c.AppendBody((*bp)[:0], b)
		if err != nil {
			body = append((*bp)[:0], `{"error":"internal error"}`...)
		}
	}
	// The response's own header values, in one allocation: nothing is
	// shared with another response or with e.
	vals := make([]string, 4+len(e.header))
	vals[0], vals[1], vals[2] = c.ContentType(), "nosniff", "no-store"
	h := w.Header()
	h["Content-Type"] = vals[0:1:1]
	h["X-Content-Type-Options"] = vals[1:2:2]
	h["Cache-Control"] = vals[2:3:3]
	delete(h, "Content-Length")
	if e.retry != "" {
		vals[3] = e.retry
		h["Retry-After"] = vals[3:4:4]
	}
	for i, f := range e.header {
		vals[4+i] = f.val
		h[f.key] = vals[4+i : 5+i : 5+i]
	}
	ensureRetryAfter(h, c, b.Code, b.Status)
	w.WriteHeader(b.Status)
	if m.Method != http.MethodHead {
		_, err = w.Write(body)
	}
	if cap(body) <= maxPooled {
		*bp = body
		bufPool.Put(bp)
	}
	return err
}

// Write renders err in the Nexpay v2 contract: an [*Error] or [Code] in its
// chain as it is, anything else as a 500 [GEN9001] whose cause is not shown.
// Servers use the middleware package, which classifies more kinds of error.
func Write(w http.ResponseWriter, r *http.Request, err error) error {
	e, ok := As(err)
	if !ok {
		e = Wrap(err, GEN9001)
	}
	return Render(w, r, nexpay, e)
}
