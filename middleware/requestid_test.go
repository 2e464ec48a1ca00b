package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/errkit/errkit/middleware"
)

func FuzzTraceID(f *testing.F) {
	for _, s := range []string{
		"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
		"00-00000000000000000000000000000000-00f067aa0ba902b7-01",
		"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
		"01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
		"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "", "garbage",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tp string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header["Traceparent"] = []string{tp}
		id, ok := middleware.TraceID(r)
		if !ok {
			return
		}
		if len(id) != 32 || !middleware.ValidRequestID(id) || strings.Trim(id, "0") == "" || !strings.Contains(tp, id) {
			t.Errorf("TraceID(%q) = %q", tp, id)
		}
	})
}

func FuzzRequestID(f *testing.F) {
	for _, s := range []string{"req-1", "", "<script>", strings.Repeat("a", 65), "a\r\nSet-Cookie: x=y", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header["X-Request-Id"] = []string{in}
		rec := httptest.NewRecorder()
		middleware.New().RequestID(noop{}).ServeHTTP(rec, r)
		out := rec.Header().Get("X-Request-Id")
		if !middleware.ValidRequestID(out) {
			t.Fatalf("invalid ID %q sent for %q", out, in)
		}
		if out == in != middleware.ValidRequestID(in) {
			t.Fatalf("incoming %q, sent %q", in, out)
		}
		if middleware.RequestIDFrom(r) != out {
			t.Fatalf("RequestIDFrom %q, header %q", middleware.RequestIDFrom(r), out)
		}
	})
}

type noop struct{}

func (noop) ServeHTTP(http.ResponseWriter, *http.Request) {}
