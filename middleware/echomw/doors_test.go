package echomw_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echomw"
	"github.com/labstack/echo/v4"
	echomiddleware "github.com/labstack/echo/v4/middleware"
)

const secret = "s3cr3t-db-password"

var pinned = time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC)

// A route answers the same on both doors: fn is called with the request;
// echoFn, when set, replaces it on the echo door (to use echo's binder).
type route struct {
	method, path string // path in ServeMux syntax; {id} becomes :id for echo
	fn           func(w http.ResponseWriter, r *http.Request) error
	echoFn       func(c echo.Context) error
}

type payment struct {
	Amount string `json:"amount"`
}

func routes() []route {
	return []route{
		{method: "GET", path: "/health", fn: func(w http.ResponseWriter, r *http.Request) error {
			_, err := io.WriteString(w, `{"status":"ok"}`)
			return err
		}},
		{method: "GET", path: "/v2/payments/{id}", fn: func(w http.ResponseWriter, r *http.Request) error {
			return fmt.Errorf("lookup: %w", apierr.New(apierr.PAY0001).With("id", r.PathValue("id")))
		}, echoFn: func(c echo.Context) error {
			return fmt.Errorf("lookup: %w", apierr.New(apierr.PAY0001).With("id", c.Param("id")))
		}},
		{method: "POST", path: "/v2/payments", fn: func(w http.ResponseWriter, r *http.Request) error {
			var p payment
			if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
				return err
			}
			return nil
		}, echoFn: func(c echo.Context) error {
			var p payment
			return c.Bind(&p)
		}},
		{method: "POST", path: "/v2/documents", fn: func(w http.ResponseWriter, r *http.Request) error {
			_, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 8))
			return err
		}},
		{method: "GET", path: "/v2/fail/{kind}", fn: func(w http.ResponseWriter, r *http.Request) error {
			return failure(r.PathValue("kind"), w)
		}, echoFn: func(c echo.Context) error {
			return failure(c.Param("kind"), c.Response())
		}},
	}
}

// failure returns, or panics with, the failure named kind.
func failure(kind string, w http.ResponseWriter) error {
	switch kind {
	case "plain":
		return errors.New("dial tcp: password=" + secret)
	case "apierr5xx":
		return apierr.New(apierr.GWY0002).WithCause(errors.New(secret))
	case "condition":
		return apierr.NewCondition(apierr.Validation).WithFields(apierr.FieldError{Field: "amount", Rule: "required", Message: "amount is required"})
	case "deadline":
		return fmt.Errorf("quote: %w", context.DeadlineExceeded)
	case "canceled":
		return fmt.Errorf("quote: %w", context.Canceled)
	case "panic":
		panic("boom " + secret)
	case "panicerr":
		panic(apierr.New(apierr.PAY0001).WithCause(errors.New(secret)))
	case "half":
		_, _ = io.WriteString(w, `{"partial":`)
		return errors.New("encoder failed " + secret)
	}
	return nil
}

func echoPath(p string) string {
	p = strings.ReplaceAll(p, "{id}", ":id")
	return strings.ReplaceAll(p, "{kind}", ":kind")
}

type door struct {
	name string
	h    http.Handler
}

// doors builds the same API on both doors with the same options.
func doors(t testing.TB, opts ...middleware.Option) (ds []door, sw *middleware.Switch) {
	t.Helper()
	mux := http.NewServeMux()
	for _, rt := range routes() {
		mux.Handle(rt.method+" "+rt.path, middleware.HandlerFunc(rt.fn))
	}
	s := middleware.New(opts...)
	es := echomw.New(append(opts, middleware.WithMaintenance(s.Switch()))...)
	e := echoRoutes(echo.New())
	es.Install(e)
	es.ServeHeadAsGet(e)
	// The same echo server served through Set.Handler instead of e.Use.
	fronted := echoRoutes(echo.New())
	fronted.HTTPErrorHandler = es.ErrorHandler
	return []door{{"net/http", s.Wrap(mux)}, {"echo", e}, {"echo-handler", es.Handler(fronted)}}, s.Switch()
}

func echoRoutes(e *echo.Echo) *echo.Echo {
	for _, rt := range routes() {
		fn := rt.echoFn
		if fn == nil {
			f := rt.fn
			fn = func(c echo.Context) error { return f(c.Response(), c.Request()) }
		}
		e.Add(rt.method, echoPath(rt.path), fn)
	}
	return e
}

func quiet() middleware.Option {
	return middleware.WithLogger(slog.New(slog.DiscardHandler))
}

type want struct {
	status int
	code   string // "" = no contract body
	body   string // exact body, when set
	header map[string]string
}

func TestBothDoors(t *testing.T) {
	defer apierr.SetClock(func() time.Time { return pinned })()
	ts := `"timestamp":"2026-01-15T10:30:00.000Z"`
	cases := []struct {
		name, method, target, body, ctype string
		gone                              bool // the client went away: the request's context is cancelled
		want                              want
	}{
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
		{name: "HEAD on a GET route", method: "HEAD", target: "/v2/payments/42", want: want{status: 404, body: ""}},
		{name: "wrong method allows HEAD with GET", method: "DELETE", target: "/v2/payments/42", want: want{status: 405, code: "[GEN9405]",
			header: map[string]string{"Allow": "GET, HEAD"}}},
		{name: "panic", method: "GET", target: "/v2/fail/panic", want: want{status: 500, code: "[GEN9001]"}},
		{name: "panic with apierr", method: "GET", target: "/v2/fail/panicerr", want: want{status: 500, code: "[GEN9001]"}},
		{name: "half-written body", method: "GET", target: "/v2/fail/half", want: want{status: 200, body: `{"partial":`}},
		{name: "HEAD unknown route", method: "HEAD", target: "/v2/nothing", want: want{status: 404, body: ""}},
	}
	ds, _ := doors(t, quiet())
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var bodies []string
			for _, d := range ds {
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
				d.h.ServeHTTP(rec, req)
				got := rec.Body.String()
				if rec.Code != tc.want.status {
					t.Errorf("%s: status %d, want %d; body %s", d.name, rec.Code, tc.want.status, got)
				}
				if tc.want.code != "" {
					var b struct{ Code string }
					if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil || b.Code != tc.want.code {
						t.Errorf("%s: body %q: code %q, want %q (%v)", d.name, got, b.Code, tc.want.code, err)
					}
					if ct := rec.Header().Get("Content-Type"); ct != apierr.Nexpay.ContentType() {
						t.Errorf("%s: Content-Type %q", d.name, ct)
					}
				}
				if tc.want.body != "" || tc.want.code == "" {
					if got != tc.want.body {
						t.Errorf("%s: body\n got %s\nwant %s", d.name, got, tc.want.body)
					}
				}
				for k, v := range tc.want.header {
					if g := rec.Header().Get(k); !strings.Contains(g, v) {
						t.Errorf("%s: %s %q, want %q", d.name, k, g, v)
					}
				}
				if rec.Code >= 500 {
					assertNoSecret(t, d.name, rec)
				}
				if id := rec.Header().Get(middleware.RequestIDHeader); !middleware.ValidRequestID(id) {
					t.Errorf("%s: X-Request-Id %q", d.name, id)
				}
				bodies = append(bodies, got)
			}
			for i := 1; i < len(bodies); i++ {
				if bodies[i] != bodies[0] {
					t.Errorf("doors differ:\n%s %s\n%s %s", ds[0].name, bodies[0], ds[i].name, bodies[i])
				}
			}
		})
	}
}

func assertNoSecret(t *testing.T, door string, rec *httptest.ResponseRecorder) {
	t.Helper()
	if strings.Contains(rec.Body.String(), secret) || strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("%s: 5xx body leaks the cause: %s", door, rec.Body)
	}
	for k, vs := range rec.Header() {
		for _, v := range vs {
			if strings.Contains(v, secret) {
				t.Errorf("%s: header %s leaks the cause", door, k)
			}
		}
	}
}

func TestJSONErrorDetails(t *testing.T) {
	ds, _ := doors(t, quiet())
	for _, d := range ds {
		req := httptest.NewRequest("POST", "/v2/payments", strings.NewReader(`{"amount":x}`))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		d.h.ServeHTTP(rec, req)
		if !strings.Contains(rec.Body.String(), `"offset":`) {
			t.Errorf("%s: syntax error body has no offset: %s", d.name, rec.Body)
		}
		req = httptest.NewRequest("POST", "/v2/payments", strings.NewReader(`{"amount":12}`))
		req.Header.Set("Content-Type", "application/json")
		rec = httptest.NewRecorder()
		d.h.ServeHTTP(rec, req)
		if !strings.Contains(rec.Body.String(), `"field":"amount"`) {
			t.Errorf("%s: type error body has no field: %s", d.name, rec.Body)
		}
	}
}

func TestEchoOnlyErrors(t *testing.T) {
	defer apierr.SetClock(func() time.Time { return pinned })()
	e := echo.New()
	echomw.Install(e, quiet())
	e.Use(echomiddleware.BodyLimit("8B"))
	e.POST("/v2/payments", func(c echo.Context) error {
		var p payment
		return c.Bind(&p)
	})
	e.GET("/v2/http/:code", func(c echo.Context) error {
		var code int
		_, _ = fmt.Sscan(c.Param("code"), &code)
		return echo.NewHTTPError(code, "message quoting the request "+secret).SetInternal(errors.New(secret))
	})
	cases := []struct {
		method, target, body, ctype string
		status                      int
		code                        string
	}{
		{"POST", "/v2/payments", `{"a":1}`, "text/csv", 415, "[GEN9415]"},
		{"POST", "/v2/payments", strings.Repeat("x", 64), "application/json", 413, "[GEN9413]"},
		{"GET", "/v2/http/401", "", "", 401, "[GEN9003]"},
		{"GET", "/v2/http/403", "", "", 403, "[GEN9004]"},
		{"GET", "/v2/http/409", "", "", 409, "[GEN9409]"},
		{"GET", "/v2/http/418", "", "", 400, "[GEN9002]"},
		{"GET", "/v2/http/429", "", "", 429, "[GEN9429]"},
		{"GET", "/v2/http/500", "", "", 500, "[GEN9001]"},
		{"GET", "/v2/http/502", "", "", 502, "[GEN9502]"},
		{"GET", "/v2/http/503", "", "", 503, "[GEN9503]"},
		{"GET", "/v2/http/200", "", "", 500, "[GEN9001]"},
	}
	for _, tc := range cases {
		var body io.Reader
		if tc.body != "" {
			body = strings.NewReader(tc.body)
		}
		req := httptest.NewRequest(tc.method, tc.target, body)
		if tc.ctype != "" {
			req.Header.Set("Content-Type", tc.ctype)
		}
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		var b struct{ Code, Message string }
		if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil || rec.Code != tc.status || b.Code != tc.code {
			t.Errorf("%s %s: %d %s, want %d %s", tc.method, tc.target, rec.Code, rec.Body, tc.status, tc.code)
		}
		if strings.Contains(rec.Body.String(), secret) {
			t.Errorf("%s: body quotes the HTTPError message: %s", tc.target, rec.Body)
		}
		if tc.status == 429 && rec.Header().Get("Retry-After") != "1" {
			t.Errorf("429 without Retry-After: %v", rec.Header())
		}
	}
}

// HEAD is answered like GET on every door, through a real server (which
// never sends a HEAD body): same status, same headers, no body.
func TestHeadLikeGet(t *testing.T) {
	ds, _ := doors(t, quiet())
	for _, d := range ds {
		srv := httptest.NewServer(d.h)
		for _, tc := range []struct {
			target string
			status int
		}{{"/health", 200}, {"/v2/payments/42", 404}, {"/v2/fail/plain", 500}, {"/v2/nothing", 404}} {
			req, _ := http.NewRequest("HEAD", srv.URL+tc.target, nil)
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatalf("%s: %v", d.name, err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status || len(body) != 0 || resp.Header.Get("Allow") != "" {
				t.Errorf("%s: HEAD %s: %d Allow %q body %q, want %d", d.name, tc.target, resp.StatusCode, resp.Header.Get("Allow"), body, tc.status)
			}
		}
		srv.Close()
	}
}

// A HEAD route of its own is kept: only paths without one are served by GET.
func TestHeadRouteKept(t *testing.T) {
	e := echo.New()
	echomw.Install(e, quiet()).ServeHeadAsGet(e)
	e.GET("/x", func(c echo.Context) error { return c.String(200, "get") })
	e.HEAD("/x", func(c echo.Context) error { c.Response().Header().Set("X-Head", "1"); return c.NoContent(204) })
	rec := serveEcho(e, "HEAD", "/x")
	if rec.Code != 204 || rec.Header().Get("X-Head") != "1" {
		t.Errorf("own HEAD route: %d %v", rec.Code, rec.Header())
	}
	rec = serveEcho(e, "HEAD", "/y")
	if rec.Code != 404 || rec.Body.Len() != 0 {
		t.Errorf("HEAD unknown: %d %q", rec.Code, rec.Body)
	}
	rec = serveEcho(e, "POST", "/x")
	if rec.Code != 405 || rec.Header().Get("Allow") != "OPTIONS, GET, HEAD" {
		t.Errorf("POST: %d Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
}

func serveEcho(h http.Handler, method, target string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}
