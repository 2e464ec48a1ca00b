package middleware

import (
	"bufio"
	"net"
	"net/http"
	"sync"
)

// responseWriter guards a response: it remembers whether the status was
// sent, so that an error is never written over a committed response, and,
// under [Set.PlainErrors], turns plain-text error answers into the
// contract's body. Writers are pooled: the success path allocates nothing.
type responseWriter struct {
	http.ResponseWriter
	set       *Set
	req       *http.Request
	status    int
	committed bool // the status was sent
	answered  bool // the set wrote an error
	router    bool // replace plain error answers (Set.PlainErrors)
	swallow   bool // drop the router's plain-text body

	ids idSlab // new request IDs, kept by the writer from request to request
}

var writerPool = sync.Pool{New: func() any { return new(responseWriter) }}

// guard returns w as a guarded writer: w itself when it already is one,
// else a pooled one to give back with release.
func guard(w http.ResponseWriter, r *http.Request, s *Set) (ww *responseWriter, owned bool) {
	if g, ok := w.(*responseWriter); ok {
		return g, false
	}
	ww = writerPool.Get().(*responseWriter)
	*ww = responseWriter{ResponseWriter: w, set: s, req: r, ids: ww.ids}
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

// release gives ww back to the pool; guard overwrites every field but its
// ID slab, so it is not cleared here (the pool drops its objects at each GC anyway).
func release(ww *responseWriter) {
	writerPool.Put(ww)
}

// WriteHeader sends the status once; later calls are dropped.
func (w *responseWriter) WriteHeader(code int) {
	if w.committed {
		return
	}
	if code >= 100 && code < 200 && code != http.StatusSwitchingProtocols {
		w.ResponseWriter.WriteHeader(code) // informational: not final
		return
	}
	if w.router && code >= 400 && w.plain(code) {
		w.router = false
		w.set.Respond(w, w.req, routeError(code))
		w.swallow = true
		return
	}
	w.committed = true
	w.status = code
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

func (w *responseWriter) Write(b []byte) (int, error) {
	if !w.committed {
		w.WriteHeader(http.StatusOK)
	}
	if w.swallow {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

// Flush sends what was written so far; the response is then committed.
func (w *responseWriter) Flush() {
	if !w.committed {
		w.WriteHeader(http.StatusOK)
	}
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// Hijack takes over the connection, for websockets; the response is then
// committed: no error is written to it.
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
// status was already sent. Handlers that write their own error bodies can
// check it; it reports false for any other writer.
func Committed(w http.ResponseWriter) bool {
	g, ok := w.(*responseWriter)
	return ok && g.committed
}
