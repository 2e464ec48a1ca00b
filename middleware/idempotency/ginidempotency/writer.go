package ginidempotency

import (
	"bufio"
	"io"
	"net"
	"net/http"
)

// writer is a gin.ResponseWriter over the response the idempotency
// middleware captures, as gin's own writer is over the connection's: the
// status is sent with the first byte of the body or WriteHeaderNow.
type writer struct {
	http.ResponseWriter
	status int
	size   int // -1 until the status is sent
}

func (w *writer) WriteHeader(code int) {
	if code > 0 && !w.Written() {
		w.status = code
	}
}

func (w *writer) WriteHeaderNow() {
	if !w.Written() {
		w.size = 0
		w.ResponseWriter.WriteHeader(w.status)
	}
}

func (w *writer) Write(b []byte) (int, error) {
	w.WriteHeaderNow()
	n, err := w.ResponseWriter.Write(b)
	w.size += n
	return n, err
}

func (w *writer) WriteString(s string) (int, error) {
	w.WriteHeaderNow()
	n, err := io.WriteString(w.ResponseWriter, s)
	w.size += n
	return n, err
}

func (w *writer) Status() int   { return w.status }
func (w *writer) Size() int     { return w.size }
func (w *writer) Written() bool { return w.size != -1 }

// Flush sends the status; the capture keeps the body until the handler is
// done.
func (w *writer) Flush() { w.WriteHeaderNow() }

// Hijack is refused: a captured response cannot give up its connection.
func (w *writer) Hijack() (net.Conn, *bufio.ReadWriter, error) { return nil, nil, http.ErrNotSupported }

// CloseNotify returns a channel that never fires; use the request's
// context.
func (w *writer) CloseNotify() <-chan bool { return make(chan bool) }

func (w *writer) Pusher() http.Pusher { return nil }

// Unwrap returns the capture, for [http.ResponseController].
func (w *writer) Unwrap() http.ResponseWriter { return w.ResponseWriter }
