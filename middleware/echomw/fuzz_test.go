package echomw_test

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/errkit/errkit/middleware"
)

// FuzzDoors sends odd paths, request IDs and traceparents to both doors:
// every answer is the contract's JSON or the route's own, and no request
// header is reflected unvalidated.
func FuzzDoors(f *testing.F) {
	f.Add("/v2/payments/%FF", "<x>", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	f.Add("/v2/fail/plain", strings.Repeat("a", 100), "")
	f.Add("/health/../v2/payments", "req-1", "garbage")
	f.Add("/%zz", "\x00", "00-")
	ds, _ := doors(f, quiet())
	f.Fuzz(func(t *testing.T, path, id, tp string) {
		u, err := url.ParseRequestURI(path)
		if err != nil || u.Path == "" || u.Path[0] != '/' {
			return
		}
		for _, d := range ds {
			req := httptest.NewRequest("GET", "/", nil)
			req.URL = u
			req.Header["X-Request-Id"] = []string{id}
			req.Header["Traceparent"] = []string{tp}
			rec := httptest.NewRecorder()
			d.h.ServeHTTP(rec, req)
			got := rec.Header().Get("X-Request-Id")
			if !middleware.ValidRequestID(got) {
				t.Fatalf("%s: X-Request-Id %q", d.name, got)
			}
			if rec.Code >= 400 && !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("%s %q: %d %q", d.name, path, rec.Code, rec.Body)
			}
			if rec.Code >= 500 && strings.Contains(rec.Body.String(), secret) {
				t.Fatalf("%s: leak", d.name)
			}
		}
	})
}
