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

// release gives ww back to the pool; guard overwrites every field, so it
// is not cleared here (the pool drops its objects at each GC anyway).
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
// or, for the routers' 404 and 405, no Content-Type at all.
func (w *responseWriter) plain(code int) bool {
	ct := w.Header()["Content-Type"]
	if len(ct) == 0 {
		return code == http.StatusNotFound || code == http.StatusMethodNotAllowed
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
