package ginmw

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// writer guards a gin response for the set: an error status sent without
// a body (c.AbortWithStatus) or with a text/plain one (c.String, gin's
// default 404 and 405 pages) is held back, its body dropped, for the set
// to answer in the contract. A body of another type (a handler's own JSON
// error) passes.
type writer struct {
	gin.ResponseWriter
	held     bool // an error status held back for the set to answer
	head     bool // drop the body: HEAD served by a GET route
	answered bool // the set answered the request
	headSize int  // the bytes of the body dropped
}

// sendHead sends the status of a HEAD request served by a GET route, with
// the Content-Length of the body dropped unless the handler set one, as
// net/http sends for HEAD.
func (w *writer) sendHead() {
	if w.ResponseWriter.Written() {
		return
	}
	h := w.Header()
	if st := w.ResponseWriter.Status(); len(h["Content-Length"]) == 0 && len(h["Transfer-Encoding"]) == 0 &&
		st >= 200 && st != http.StatusNoContent && st != http.StatusNotModified {
		h.Set("Content-Length", strconv.Itoa(w.headSize))
	}
	w.ResponseWriter.WriteHeaderNow()
}

// hold reports whether a body-less or plain-text error answer is about to
// be sent: it is held back.
func (w *writer) hold() bool {
	if w.ResponseWriter.Written() || w.answered || w.ResponseWriter.Status() < 400 {
		return false
	}
	ct := w.Header()["Content-Type"]
	return len(ct) == 0 || strings.HasPrefix(ct[0], "text/plain")
}

// WriteHeaderNow sends the status, unless it is an error status sent
// without a body: that one is held back.
func (w *writer) WriteHeaderNow() {
	if w.hold() {
		w.held = true
		return
	}
	if w.head {
		return // sent by sendHead, with the length of the body dropped
	}
	w.ResponseWriter.WriteHeaderNow()
}

func (w *writer) Write(b []byte) (int, error) {
	if w.hold() {
		w.held = true
		return len(b), nil
	}
	w.held = false
	if w.head {
		w.headSize += len(b)
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

func (w *writer) WriteString(s string) (int, error) {
	if w.hold() {
		w.held = true
		return len(s), nil
	}
	w.held = false
	if w.head {
		w.headSize += len(s)
		return len(s), nil
	}
	return io.WriteString(w.ResponseWriter, s)
}

// Flush sends what was written so far, unless an error status is held
// back.
func (w *writer) Flush() {
	if w.held || w.head || w.hold() {
		return
	}
	w.ResponseWriter.Flush()
}

// Unwrap returns the writer gin gave, for [http.ResponseController].
func (w *writer) Unwrap() http.ResponseWriter { return w.ResponseWriter }
