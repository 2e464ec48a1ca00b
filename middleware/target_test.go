package middleware_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/errkit/errkit/middleware"
)

// rawRequest sends head (a request line and headers, no blank line) to
// srv as it is and reads the answer.
func rawRequest(t *testing.T, srv *httptest.Server, head string) (*http.Response, []byte) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, head+"\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	return resp, body
}

// A ServeMux redirects a path that is not clean (HTML, outside the
// contract, before whatever authenticates inside it) and answers an
// asterisk-form target with a bare 400: behind a Set, both are the
// contract's not-found answer, with the reason in the details.
func TestRequestTargets(t *testing.T) {
	mux := http.NewServeMux()
	reached := false
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { reached = true })
	srv := httptest.NewServer(middleware.Wrap(mux))
	defer srv.Close()
	for _, tc := range []struct {
		line   string
		reason string
	}{
		{"GET //v2//payments/x HTTP/1.1", "path_not_clean"},
		{"POST /v2/payments/../quotes HTTP/1.1", "path_not_clean"},
		{"POST /v2/payments/%2e%2e/quotes HTTP/1.1", "path_not_clean"},
		{"GET /v2/./payees HTTP/1.1", "path_not_clean"},
		{"GET /v2/payees/. HTTP/1.1", "path_not_clean"},
		{"GET http://x/a//b HTTP/1.1", "path_not_clean"},
		{"PUT * HTTP/1.1", "asterisk_form"},
		{"GET /v2/payees/ HTTP/1.1", ""},
		{"GET / HTTP/1.1", ""},
		{"GET /v2/a%2Fb HTTP/1.1", ""},
	} {
		reached = false
		resp, body := rawRequest(t, srv, tc.line)
		if tc.reason == "" {
			if resp.StatusCode != http.StatusOK || !reached {
				t.Errorf("%s: status %d, reached %v", tc.line, resp.StatusCode, reached)
			}
			continue
		}
		var got struct {
			Code    string
			Details map[string]any
		}
		_ = json.Unmarshal(body, &got)
		if resp.StatusCode != http.StatusNotFound || got.Code != "[GEN9404]" || got.Details["reason"] != tc.reason || reached {
			t.Errorf("%s: %d %s (handler reached: %v), want 404 [GEN9404] with reason %s", tc.line, resp.StatusCode, body, reached, tc.reason)
		}
		if resp.Header.Get("Location") != "" {
			t.Errorf("%s: redirected to %s", tc.line, resp.Header.Get("Location"))
		}
	}
}
