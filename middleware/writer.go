package middleware

import (
	"bufio"
	"net"
	"net/http"
	"sync"
)

// responseWriter guards a response: it remembers whether the status was
// sent, so that an error is never written over a committed response, and,
// under [Set.PlainErrors], holds back a plain-text error answer (its status
// only; the text is dropped) for the set to answer in the contract once
// the handler returns. It never renders. Writers are pooled.
type responseWriter struct {
	http.ResponseWriter
	set       *Set // the innermost set guarding the response, for Error
	req       *http.Request
	committed bool // the status was sent
	status    int  // the status sent, once committed; 0 after a bare Hijack
	answered  bool // the set wrote an error
	router    bool // hold plain error answers back (Set.PlainErrors)
	held      int  // the status of the plain error answer held back, or 0
	heldBy    *Set // the set guarding the response when it was held back
}

var writerPool = sync.Pool{New: func() any { return new(responseWriter) }}

// guard returns w as a guarded writer: w itself when it already is one,
// else a pooled one to give back with release.
func guard(w http.ResponseWriter, r *http.Request, s *Set) (ww *responseWriter, owned bool) {
	if g, ok := w.(*responseWriter); ok {
		return g, false
	}
	ww = writerPool.Get().(*responseWriter)
	*ww = responseWriter{ResponseWriter: w, set: s, req: r}
	return ww, true
}

// enter is guard for a set's own pieces: a writer an outer set already
// guards is handed to s for the duration of the handler, so that the
// innermost set answers the errors raised inside it. leave undoes it.
func enter(w http.ResponseWriter, r *http.Request, s *Set) (ww *responseWriter, prev *Set, owned bool) {
	ww, owned = guard(w, r, s)
	prev = ww.set
	ww.set = s
	return ww, prev, owned
}

// leave gives ww back to the set it had before enter, or to the pool.
func leave(ww *responseWriter, prev *Set, owned bool) {
	if owned {
		release(ww)
		return
	}
	ww.set = prev
}

// release clears ww, so that the pool keeps no request's data alive, and
// gives it back.
func release(ww *responseWriter) {
	*ww = responseWriter{}
	writerPool.Put(ww)
}

// WriteHeader sends the status once; later calls are dropped. Under
// [Set.PlainErrors], a plain error answer is held back instead.
func (w *responseWriter) WriteHeader(code int) {
	if w.committed || w.held != 0 {
		return
	}
	if code >= 100 && code < 200 && code != http.StatusSwitchingProtocols {
		w.ResponseWriter.WriteHeader(code) // informational: not final
		return
	}
	if w.router && !w.answered && code >= 400 && w.plain(code) {
		w.held, w.heldBy = code, w.set
		return
	}
	w.committed, w.status = true, code
	w.ResponseWriter.WriteHeader(code)
}

// plain reports whether the error response about to be sent is a plain
// one rather than a body a handler built: text/plain, as http.Error sends,
// or, for a 404 or 405 that no route produced (chi's 405 has no
// Content-Type), no Content-Type at all. ServeMux sets the request's
// Pattern in place for a matched route only, so a handler's own 404 with
// no Content-Type passes.
func (w *responseWriter) plain(code int) bool {
	ct := w.Header()["Content-Type"]
	if len(ct) == 0 {
		return (code == http.StatusNotFound || code == http.StatusMethodNotAllowed) && w.req.Pattern == ""
	}
	return len(ct[0]) >= 10 && ct[0][:10] == "text/plain"
}

// Write sends b, after the status 200 when none was sent; the body of a
// plain error answer held back is dropped.
func (w *responseWriter) Write(b []byte) (int, error) {
	if !w.committed {
		w.WriteHeader(http.StatusOK)
	}
	if w.held != 0 {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

// Flush sends what was written so far; the response is then committed.
// With a plain error answer held back, there is nothing to send yet.
func (w *responseWriter) Flush() {
	if !w.committed {
		w.WriteHeader(http.StatusOK)
	}
	if w.held != 0 {
		return
	}
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// Hijack takes over the connection, for websockets; the response is then
// committed: no error is written to it. What the handler sends over the
// connection is not seen: the status sent stays unknown unless one was
// written before.
func (w *responseWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err == nil {
		w.committed = true
	}
	return conn, rw, err
}

// Unwrap returns the underlying writer, for [http.ResponseController].
func (w *responseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Committed reports whether w is a writer of this package whose response
// status was already sent (or a plain error answer, to be answered in the
// contract, was). Handlers that write their own error bodies can check it;
// it reports false for any other writer.
func Committed(w http.ResponseWriter) bool {
	g, ok := w.(*responseWriter)
	return ok && (g.committed || g.held != 0)
}
