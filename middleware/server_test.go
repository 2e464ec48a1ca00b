package middleware_test

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errkit/errkit/middleware"
)

// TestServerAnswersBeforeHandlers shows what docs/doors.md says of
// net/http's own server: a request it cannot parse is answered by the
// server itself, in plain text, before any handler runs, so no set (and no
// door, all of which serve through net/http) can answer it in the
// contract. The set behind the server never sees these requests.
func TestServerAnswersBeforeHandlers(t *testing.T) {
	var ran atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { ran.Add(1) })
	srv := httptest.NewUnstartedServer(middleware.Wrap(mux, middleware.WithLogger(slog.New(slog.DiscardHandler))))
	srv.Config.MaxHeaderBytes = 1 << 10 // net/http allows 4 KiB more
	srv.Start()
	defer srv.Close()

	for _, c := range []struct {
		name    string
		request string
		status  int
		body    string
	}{
		{"malformed request line", "GARBAGE\r\n\r\n", 400, "400 Bad Request"},
		{"bad escape in the path", "GET /v2/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "400 Bad Request"},
		{"headers too large", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 8<<10) + "\r\n\r\n", 431, "431 Request Header Fields Too Large"},
		{"unsupported transfer encoding", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501, "Unsupported transfer encoding"},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp := raw(t, srv.Listener.Addr().String(), c.request)
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != c.status || !strings.Contains(string(b), c.body) {
				t.Errorf("%d %q, want %d %q", resp.StatusCode, b, c.status, c.body)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
				t.Errorf("Content-Type %q: the server's own answers are plain text", ct)
			}
			if id := resp.Header.Get(middleware.RequestIDHeader); id != "" {
				t.Errorf("X-Request-Id %q: the set answered, so the server did not", id)
			}
		})
	}
	if n := ran.Load(); n != 0 {
		t.Errorf("the handler ran %d times", n)
	}
	// The same server answers a well-formed request through the set.
	resp := raw(t, srv.Listener.Addr().String(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get(middleware.RequestIDHeader) == "" || ran.Load() != 1 {
		t.Errorf("a well-formed request: %d, X-Request-Id %q, handler ran %d times", resp.StatusCode, resp.Header.Get(middleware.RequestIDHeader), ran.Load())
	}
}

// raw sends request as it is on a new connection and reads the answer.
func raw(t *testing.T, addr, request string) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second)) // guards a hung read; measures nothing
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}
