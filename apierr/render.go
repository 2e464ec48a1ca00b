package apierr

import (
	"net/http"
	"sync"
)

// Header values shared by every error response. Each slice has len == cap,
// so an append by a later writer copies rather than changes it.
var (
	hvJSON    = []string{JSONContentType}
	hvProblem = []string{"application/problem+json"}
	hvNosniff = []string{"nosniff"}
	hvNoStore = []string{"no-store"}
)

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

const maxPooled = 64 << 10

// Render writes e to w as contract c's body (c nil means [Nexpay]): the
// status, Content-Type, X-Content-Type-Options: nosniff, Cache-Control:
// no-store, Retry-After and the error's other headers, then the body, in one
// Write. An error that asks the client to come back later (a 429 or 503,
// or c's code for [RateLimited], [Unavailable] or [Maintenance]) always
// has a Retry-After of whole seconds, at least 1: the default (see
// [SetDefaultRetryAfter]) when it carries none. A HEAD request gets the headers only. The header map is given
// slices of e's own header values (capacity 1, so an append copies):
// change a rendered response's headers by assigning new slices, not by
// writing into the ones there.
//
// The body is built before anything is written: if e's details cannot be
// encoded (a channel, NaN), the client gets the contract's 500 instead,
// complete and valid. Render does not know whether w was already written
// to; the middleware package guards that. The error returned is w's.
func Render(w http.ResponseWriter, r *http.Request, c Contract, e *Error) error {
	if c == nil {
		c = nexpay
	}
	if e == nil {
		e = New(c.Code(Internal))
	}
	bp := bufPool.Get().(*[]byte)
	body, err := c.AppendBody((*bp)[:0], e, r)
	if err != nil {
		e = Wrap(err, c.Code(Internal)).At(e.time)
		body, err = c.AppendBody((*bp)[:0], e, r)
		if err != nil {
			body = append((*bp)[:0], `{"error":"internal error"}`...)
		}
	}
	h := w.Header()
	switch ct := c.ContentType(); ct {
	case JSONContentType:
		h["Content-Type"] = hvJSON
	case "application/problem+json":
		h["Content-Type"] = hvProblem
	default:
		h.Set("Content-Type", ct)
	}
	h["X-Content-Type-Options"] = hvNosniff
	h["Cache-Control"] = hvNoStore
	delete(h, "Content-Length")
	// The header map is handed slices of the error's own values: no
	// allocation, and Render only reads e, so an error may be rendered by
	// several requests at once.
	for i := range e.header {
		h[e.header[i].key] = e.header[i].val[:]
	}
	status, code := e.Status(), e.Code()
	if d := e.def(); d.cat == nil {
		code = c.Code(Internal)
		status = code.Status()
	} else if d.cat != c.Catalogue() {
		code = c.Code(ConditionForStatus(status))
		status = code.Status()
	}
	ensureRetryAfter(h, c, code, status)
	w.WriteHeader(status)
	if r == nil || r.Method != http.MethodHead {
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
