// Package doortest is the table every door of package middleware answers
// alike: the same routes and failures, served through the net/http door
// and through a framework's door, compared body for body.
package doortest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
)

// Secret is the text causes and panics carry: no answer may hold it.
const Secret = "s3cr3t-db-password"

// Pinned is the time error bodies are stamped with during [Run].
var Pinned = time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC)

// A Route is one route of the table's API. Path is in ServeMux syntax
// ({id}); Fn gets the path parameters through param.
type Route struct {
	Method, Path string
	Fn           func(w http.ResponseWriter, r *http.Request, param func(string) string) error
}

type payment struct {
	Amount string `json:"amount"`
}

// Routes returns the table's API.
func Routes() []Route {
	return []Route{
		{"GET", "/health", func(w http.ResponseWriter, _ *http.Request, _ func(string) string) error {
			_, err := io.WriteString(w, `{"status":"ok"}`)
			return err
		}},
		{"GET", "/v2/payments/{id}", func(_ http.ResponseWriter, _ *http.Request, param func(string) string) error {
			return fmt.Errorf("lookup: %w", apierr.New(apierr.PAY0001).With("id", param("id")))
		}},
		{"POST", "/v2/payments", func(_ http.ResponseWriter, r *http.Request, _ func(string) string) error {
			var p payment
			return json.NewDecoder(r.Body).Decode(&p)
		}},
		{"POST", "/v2/documents", func(w http.ResponseWriter, r *http.Request, _ func(string) string) error {
			_, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 8))
			return err
		}},
		{"GET", "/v2/fail/{kind}", func(w http.ResponseWriter, _ *http.Request, param func(string) string) error {
			return Failure(param("kind"), w)
		}},
	}
}

// Failure returns, or panics with, the failure named kind.
func Failure(kind string, w http.ResponseWriter) error {
	switch kind {
	case "plain":
		return errors.New("dial tcp: password=" + Secret)
	case "apierr5xx":
		return apierr.New(apierr.GWY0002).WithCause(errors.New(Secret))
	case "condition":
		return apierr.NewCondition(apierr.Validation).WithFields(apierr.FieldError{Field: "amount", Rule: "required", Message: "amount is required"})
	case "deadline":
		return fmt.Errorf("quote: %w", context.DeadlineExceeded)
	case "canceled":
		return fmt.Errorf("quote: %w", context.Canceled)
	case "panic":
		panic("boom " + Secret)
	case "panicerr":
		panic(apierr.New(apierr.PAY0001).WithCause(errors.New(Secret)))
	case "abort":
		panic(http.ErrAbortHandler)
	case "half":
		_, _ = io.WriteString(w, `{"partial":`)
		return errors.New("encoder failed " + Secret)
	}
	return nil
}

// Quiet is the option of a set that logs nothing.
func Quiet() middleware.Option {
	return middleware.WithLogger(slog.New(slog.DiscardHandler))
}

// Reference returns the table's API on the net/http door, behind a set
// configured by opts.
func Reference(opts ...middleware.Option) http.Handler {
	mux := http.NewServeMux()
	for _, rt := range Routes() {
		fn := rt.Fn
		mux.Handle(rt.Method+" "+rt.Path, middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			return fn(w, r, r.PathValue)
		}))
	}
	return middleware.New(opts...).Wrap(mux)
}

// A Door is one way in to the table's API.
type Door struct {
	Name string
	H    http.Handler
}

type want struct {
	status int
	code   string // "" = no contract body
	body   string // exact body, when set
	header map[string]string
}

type tcase struct {
	name, method, target, body, ctype string
	gone                              bool // the client went away: the request's context is cancelled
	want                              want
}

const ts = `"timestamp":"2026-01-15T10:30:00.000Z"`

var cases = []tcase{
	{name: "ok", method: "GET", target: "/health", want: want{status: 200, body: `{"status":"ok"}`}},
	{name: "apierr wrapped", method: "GET", target: "/v2/payments/42", want: want{status: 404, code: "[PAY0001]",
		body: `{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found",` + ts + `,"details":{"id":"42"}}`}},
	{name: "unknown route", method: "GET", target: "/v2/nothing", want: want{status: 404, code: "[GEN9404]",
		body: `{"statusCode":404,"code":"[GEN9404]","message":"[GEN9404] Route not found",` + ts + `}`}},
	{name: "wrong method", method: "DELETE", target: "/v2/payments", want: want{status: 405, code: "[GEN9405]",
		header: map[string]string{"Allow": "POST"}}},
	{name: "json syntax", method: "POST", target: "/v2/payments", body: `{"amount":x}`, ctype: "application/json",
		want: want{status: 400, code: "[GEN9002]"}},
	{name: "json type", method: "POST", target: "/v2/payments", body: `{"amount":12}`, ctype: "application/json",
		want: want{status: 400, code: "[GEN9002]"}},
	{name: "body too large", method: "POST", target: "/v2/documents", body: strings.Repeat("x", 64), ctype: "application/octet-stream",
		want: want{status: 413, code: "[GEN9413]"}},
	{name: "plain error", method: "GET", target: "/v2/fail/plain", want: want{status: 500, code: "[GEN9001]",
		body: `{"statusCode":500,"code":"[GEN9001]","message":"[GEN9001] Internal server error",` + ts + `}`}},
	{name: "apierr 5xx with cause", method: "GET", target: "/v2/fail/apierr5xx", want: want{status: 503, code: "[GWY0002]"}},
	{name: "condition", method: "GET", target: "/v2/fail/condition", want: want{status: 400, code: "[GEN9002]",
		body: `{"statusCode":400,"code":"[GEN9002]","message":"[GEN9002] Bad request",` + ts + `,"details":{"fields":[{"field":"amount","rule":"required","message":"amount is required"}]}}`}},
	{name: "deadline", method: "GET", target: "/v2/fail/deadline", want: want{status: 504, code: "[GEN9504]"}},
	{name: "canceled, client still there", method: "GET", target: "/v2/fail/canceled", want: want{status: 500, code: "[GEN9001]"}},
	{name: "canceled, client gone: nothing written", method: "GET", target: "/v2/fail/canceled", gone: true, want: want{status: 200, body: ""}},
	{name: "HEAD on a GET route", method: "HEAD", target: "/v2/payments/42", want: want{status: 404, code: "[PAY0001]"}},
	{name: "HEAD on a GET route that succeeds", method: "HEAD", target: "/health", want: want{status: 200, body: `{"status":"ok"}`}},
	{name: "wrong method allows HEAD with GET", method: "DELETE", target: "/v2/payments/42", want: want{status: 405, code: "[GEN9405]",
		header: map[string]string{"Allow": "GET, HEAD"}}},
	{name: "panic", method: "GET", target: "/v2/fail/panic", want: want{status: 500, code: "[GEN9001]"}},
	{name: "panic with apierr", method: "GET", target: "/v2/fail/panicerr", want: want{status: 500, code: "[GEN9001]"}},
	{name: "half-written body", method: "GET", target: "/v2/fail/half", want: want{status: 200, body: `{"partial":`}},
	{name: "HEAD unknown route", method: "HEAD", target: "/v2/nothing", want: want{status: 404, code: "[GEN9404]"}},
}

// Run sends the table's requests through each door, in memory: every door
// must answer each as the table says, and all of them with the same body.
// HEAD answers are compared by status and headers: whether a door leaves
// the body for the server to drop is its own business.
func Run(t *testing.T, doors []Door) {
	t.Helper()
	defer apierr.SetClock(func() time.Time { return Pinned })()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var bodies []string
			for _, d := range doors {
				rec := serve(d.H, tc)
				got := rec.Body.String()
				if rec.Code != tc.want.status {
					t.Errorf("%s: status %d, want %d; body %s", d.Name, rec.Code, tc.want.status, got)
				}
				head := tc.method == http.MethodHead // its body is the server's to drop
				if tc.want.code != "" && head {
					if ct := rec.Header().Get("Content-Type"); ct != apierr.Nexpay.ContentType() {
						t.Errorf("%s: Content-Type %q", d.Name, ct)
					}
				} else if tc.want.code != "" {
					var b struct{ Code string }
					if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil || b.Code != tc.want.code {
						t.Errorf("%s: body %q: code %q, want %q (%v)", d.Name, got, b.Code, tc.want.code, err)
					}
					if ct := rec.Header().Get("Content-Type"); ct != apierr.Nexpay.ContentType() {
						t.Errorf("%s: Content-Type %q", d.Name, ct)
					}
				}
				if !head && (tc.want.body != "" || tc.want.code == "") && got != tc.want.body {
					t.Errorf("%s: body\n got %s\nwant %s", d.Name, got, tc.want.body)
				}
				for k, v := range tc.want.header {
					if g := rec.Header().Get(k); !strings.Contains(g, v) {
						t.Errorf("%s: %s %q, want %q", d.Name, k, g, v)
					}
				}
				if rec.Code >= 500 {
					NoSecret(t, d.Name, rec)
				}
				if id := rec.Header().Get(middleware.RequestIDHeader); !middleware.ValidRequestID(id) {
					t.Errorf("%s: X-Request-Id %q", d.Name, id)
				}
				if !head {
					bodies = append(bodies, got)
				}
			}
			for i := 1; i < len(bodies); i++ {
				if bodies[i] != bodies[0] {
					t.Errorf("doors differ:\n%s %s\n%s %s", doors[0].Name, bodies[0], doors[i].Name, bodies[i])
				}
			}
		})
	}
}

func serve(h http.Handler, tc tcase) *httptest.ResponseRecorder {
	var body io.Reader
	if tc.body != "" {
		body = strings.NewReader(tc.body)
	}
	req := httptest.NewRequest(tc.method, tc.target, body)
	if tc.gone {
		ctx, cancel := context.WithCancel(req.Context())
		cancel()
		req = req.WithContext(ctx)
	}
	if tc.ctype != "" {
		req.Header.Set("Content-Type", tc.ctype)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// NoSecret fails t when rec's body or headers quote [Secret].
func NoSecret(t *testing.T, door string, rec *httptest.ResponseRecorder) {
	t.Helper()
	if strings.Contains(rec.Body.String(), Secret) || strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("%s: 5xx body leaks the cause: %s", door, rec.Body)
	}
	for k, vs := range rec.Header() {
		for _, v := range vs {
			if strings.Contains(v, Secret) {
				t.Errorf("%s: header %s leaks the cause", door, k)
			}
		}
	}
}

// Get serves one request through h, in memory.
func Get(h http.Handler, method, target string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}

// Fuzz sends odd paths, request IDs and traceparents through each door:
// every answer carries a valid request ID, every error answer is JSON and
// no 5xx quotes [Secret].
func Fuzz(f *testing.F, doors []Door) {
	f.Add("/v2/payments/%FF", "<x>", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	f.Add("/v2/fail/plain", strings.Repeat("a", 100), "")
	f.Add("/health/../v2/payments", "req-1", "garbage")
	f.Add("/%zz", "\x00", "00-")
	f.Add("/v2/payments/", "", "")
	f.Fuzz(func(t *testing.T, path, id, tp string) {
		u, err := url.ParseRequestURI(path)
		if err != nil || u.Path == "" || u.Path[0] != '/' {
			return
		}
		for _, d := range doors {
			req := httptest.NewRequest("GET", "/", nil)
			req.URL = u
			req.Header["X-Request-Id"] = []string{id}
			req.Header["Traceparent"] = []string{tp}
			rec := httptest.NewRecorder()
			d.H.ServeHTTP(rec, req)
			if got := rec.Header().Get(middleware.RequestIDHeader); !middleware.ValidRequestID(got) {
				t.Fatalf("%s: X-Request-Id %q", d.Name, got)
			}
			if rec.Code >= 400 && !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("%s %q: %d %q", d.Name, path, rec.Code, rec.Body)
			}
			if rec.Code >= 300 && rec.Code < 400 {
				t.Fatalf("%s %q: a redirect, %d %v", d.Name, path, rec.Code, rec.Header())
			}
			if rec.Code >= 500 && strings.Contains(rec.Body.String(), Secret) {
				t.Fatalf("%s: leak", d.Name)
			}
		}
	})
}
