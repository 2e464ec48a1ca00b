package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"slices"
	"testing"
)

// BenchmarkErrkit measures the handlers alone, against a ResponseWriter
// that costs nothing. BenchmarkServed measures the same handlers as a
// client sees them: each is served by a real net/http server on 127.0.0.1,
// and one keep-alive connection sends the case's request and reads the
// whole answer, one request at a time. An operation is a round trip: the
// request parsed by the server, the handler, the response written and read
// back. The client is a few lines over the socket, so that nearly all of
// the CPU time is the server's.
func BenchmarkServed(b *testing.B) {
	for _, r := range sortedRuns() {
		if !served(r) {
			continue
		}
		b.Run(r.name(), func(b *testing.B) {
			c := dial(b, r)
			loop(b, func() {
				status, _, err := c.do(nil)
				if err != nil {
					b.Fatal(err)
				}
				if status != r.status {
					b.Fatalf("status %d, want %d", status, r.status)
				}
			})
		})
	}
}

// served reports whether r is measured through a server too: the baselines
// and the implementations the goals are about, not errkit's pieces alone.
func served(r run) bool {
	return slices.Contains([]string{"floor", "bare", "bare-id", "echo", "gin", "huma", "errkit", "errkit-front"}, r.impl)
}

// TestServed checks that every run answers over a real connection what it
// answers a recorder: the same status and body. It also checks the client
// of BenchmarkServed.
func TestServed(t *testing.T) {
	for _, r := range sortedRuns() {
		if !served(r) {
			continue
		}
		t.Run(r.name(), func(t *testing.T) {
			c := dial(t, r)
			want := record(r.h, r.method, r.target)
			for range 3 { // the connection is kept alive
				var body bytes.Buffer
				status, header, err := c.do(&body)
				if err != nil {
					t.Fatal(err)
				}
				if status != want.Code || body.String() != want.Body.String() {
					t.Fatalf("served %d %s\nrecorded %d %s", status, &body, want.Code, want.Body)
				}
				for k, v := range r.header {
					if got := header.Get(k); got == "" || v != "" && got != v {
						t.Errorf("header %s = %q, want %q", k, got, v)
					}
				}
			}
		})
	}
}

// A client sends one request over a kept-alive connection and reads its
// response: the status line, the headers and a Content-Length body.
type client struct {
	conn net.Conn
	br   *bufio.Reader
	req  []byte
}

// dial serves r.h on 127.0.0.1 for the length of tb and connects to it.
func dial(tb testing.TB, r run) *client {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	srv := &http.Server{Handler: r.h, ErrorLog: log.New(io.Discard, "", 0)}
	go srv.Serve(ln) //nolint:errcheck // ends with Close
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		srv.Close()
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		conn.Close()
		srv.Close()
	})
	// What a typical API client sends, to the host httptest.NewRequest
	// names (huma puts it in its bodies); no X-Request-Id, so errkit makes one.
	req := fmt.Sprintf("%s %s HTTP/1.1\r\nHost: example.com\r\nUser-Agent: bench/1.0\r\nAccept: application/json\r\n\r\n", r.method, r.target)
	return &client{conn: conn, br: bufio.NewReaderSize(conn, 4096), req: []byte(req)}
}

// do sends the request and reads the response; its body goes to body when
// not nil, and its headers are returned only then.
func (c *client) do(body *bytes.Buffer) (status int, header http.Header, err error) {
	if _, err := c.conn.Write(c.req); err != nil {
		return 0, nil, err
	}
	line, err := c.br.ReadSlice('\n')
	if err != nil {
		return 0, nil, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.1 ")) {
		return 0, nil, fmt.Errorf("status line %q", line)
	}
	if status = digits(line[9:12]); status < 100 {
		return 0, nil, fmt.Errorf("status line %q", line)
	}
	if body != nil {
		header = http.Header{}
	}
	length := -1
	for {
		line, err := c.br.ReadSlice('\n')
		if err != nil {
			return 0, nil, err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			return 0, nil, fmt.Errorf("header line %q", line)
		}
		v = bytes.TrimSpace(v)
		if bytes.EqualFold(k, []byte("Content-Length")) {
			if length = digits(v); length < 0 {
				return 0, nil, fmt.Errorf("header line %q", line)
			}
		}
		if header != nil {
			header.Add(string(k), string(v))
		}
	}
	if length < 0 {
		return 0, nil, fmt.Errorf("a %d response without Content-Length", status)
	}
	if body == nil {
		_, err = c.br.Discard(length)
	} else {
		_, err = io.CopyN(body, c.br, int64(length))
	}
	return status, header, err
}

// digits returns the decimal number b spells, or -1; the client must not
// allocate, so that allocs/op are the server's.
func digits(b []byte) int {
	if len(b) == 0 || len(b) > 9 {
		return -1
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}
