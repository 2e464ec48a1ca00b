package bench

import (
	"net/http"
	"net/http/httptest"
)

// sink is the ResponseWriter of the benchmarks: it keeps the status and the
// body's length and nothing else, and is reset between requests without
// allocating, so that the benchmarks measure the handlers rather than a
// recorder's buffers. A server hands each request a fresh ResponseWriter;
// reusing one here costs every implementation the same.
type sink struct {
	h      http.Header
	status int
	n      int
}

func newSink() *sink { return &sink{h: make(http.Header, 8)} }

func (s *sink) Header() http.Header { return s.h }

func (s *sink) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
}

func (s *sink) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	s.n += len(b)
	return len(b), nil
}

func (s *sink) reset() {
	clear(s.h)
	s.status, s.n = 0, 0
}

// serve runs one request through h as the benchmarks do: the sink and the
// request's headers are reset first, so that a request ID set by a previous
// run is not taken for the client's.
func serve(h http.Handler, w *sink, r *http.Request) {
	w.reset()
	clear(r.Header)
	h.ServeHTTP(w, r)
}

// record runs one request through h into a recorder, for the tests.
func record(h http.Handler, method, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	return w
}
