package middleware_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"golang.org/x/time/rate"
)

func TestClassify(t *testing.T) {
	err := json.Unmarshal([]byte(`{x`), &struct{}{})
	cases := []struct {
		name string
		err  error
		ok   bool
		code apierr.Code
	}{
		{"nil", nil, false, 0},
		{"canceled", fmt.Errorf("x: %w", context.Canceled), false, 0},
		{"deadline", context.DeadlineExceeded, true, apierr.GEN9504},
		{"apierr deep", fmt.Errorf("a: %w", fmt.Errorf("b: %w", apierr.New(apierr.QOT0001))), true, apierr.QOT0001},
		{"bare code", apierr.PAY0003, true, apierr.PAY0003},
		{"condition", apierr.NewCondition(apierr.RateLimited), true, apierr.GEN9429},
		{"max bytes", &http.MaxBytesError{Limit: 10}, true, apierr.GEN9413},
		{"json syntax", err, true, apierr.GEN9002},
		{"json type", &json.UnmarshalTypeError{Value: "number", Field: "amount"}, true, apierr.GEN9002},
		{"json unknown field", errors.New(`json: unknown field "x"`), true, apierr.GEN9002},
		{"json marshal is ours", &json.UnsupportedTypeError{Type: reflect.TypeOf(make(chan int))}, true, apierr.GEN9001},
		{"joined", errors.Join(errors.New("x"), fmt.Errorf("y: %w", apierr.New(apierr.PYE0002))), true, apierr.PYE0002},
		{"As method", asQuote{}, true, apierr.QOT0002},
		{"other", errors.New("disk full"), true, apierr.GEN9001},
	}
	for _, tc := range cases {
		e, ok := middleware.Classify(tc.err, nil)
		if ok != tc.ok || ok && e.Code() != tc.code {
			t.Errorf("%s: %v %v, want %v %v", tc.name, e, ok, tc.code, tc.ok)
		}
		if ok && e.Status() >= 500 && tc.err != nil && !errors.Is(e, tc.err) {
			t.Errorf("%s: cause lost", tc.name)
		}
	}
}

func TestServeMuxPlainErrors(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v2/payments/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(404)
		_, _ = io.WriteString(w, `{"own":true}`)
	})
	mux.HandleFunc("PUT /v2/payments/{id}", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("DELETE /v2/orders/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(404) // no Content-Type: still the handler's own answer
		_, _ = io.WriteString(w, `{"id":"42","status":"deleted"}`)
	})
	mux.HandleFunc("GET /v2/bare405", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(405)
	})
	mux.HandleFunc("GET /files/secret", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "open /etc/secret: permission denied", 500)
	})
	mux.HandleFunc("GET /files/gone", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", 410)
	})
	h := middleware.New(middleware.WithLogger(slog.New(slog.DiscardHandler))).PlainErrors(mux)
	for _, tc := range []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "/x", 404, `"code":"[GEN9404]"`},
		{"POST", "/v2/payments/1", 405, `"code":"[GEN9405]"`},
		{"GET", "/v2/payments/1", 404, `{"own":true}`},
		{"DELETE", "/v2/orders/42", 404, `{"id":"42","status":"deleted"}`},
		{"GET", "/v2/bare405", 405, ``},
		{"GET", "/v2/orders/42", 405, `"code":"[GEN9405]"`},
		{"GET", "/files/secret", 500, `"code":"[GEN9001]"`},
		{"GET", "/files/gone", 400, `"code":"[GEN9002]"`},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.body) || strings.Contains(rec.Body.String(), "page not found") ||
			strings.Contains(rec.Body.String(), "/etc/secret") {
			t.Errorf("%s %s: %d %q", tc.method, tc.path, rec.Code, rec.Body)
		}
		if tc.body == "" && rec.Body.Len() != 0 {
			t.Errorf("%s %s: a matched route's bare answer replaced: %q", tc.method, tc.path, rec.Body)
		}
		if tc.status == 405 && tc.body != "" && rec.Header().Get("Allow") == "" {
			t.Errorf("405 without Allow")
		}
	}
}

type flushRecorder struct {
	*httptest.ResponseRecorder
	flushed bool
}

func (f *flushRecorder) Flush() { f.flushed = true }

func TestWriterFlushAndController(t *testing.T) {
	var asserted, controlled bool
	h := middleware.Wrap(middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		_, asserted = w.(http.Flusher)
		controlled = http.NewResponseController(w).Flush() == nil
		if !middleware.Committed(w) {
			t.Error("not committed after a flush")
		}
		return errors.New("too late")
	}), middleware.WithLogger(slog.New(slog.DiscardHandler)))
	rec := &flushRecorder{ResponseRecorder: httptest.NewRecorder()}
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if !asserted || !controlled || !rec.flushed {
		t.Errorf("flusher %v, controller %v, flushed %v", asserted, controlled, rec.flushed)
	}
	if rec.Body.Len() != 0 || rec.Code != 200 {
		t.Errorf("error written after flush: %d %q", rec.Code, rec.Body)
	}
}

func TestHandlerFuncAlone(t *testing.T) {
	defer apierr.SetClock(func() time.Time { return time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC) })()
	h := middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error { return apierr.DOC0001 })
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	want := `{"statusCode":404,"code":"[DOC0001]","message":"[DOC0001] Document not found","timestamp":"2026-01-15T10:30:00.000Z"}`
	if rec.Code != 404 || rec.Body.String() != want {
		t.Errorf("%d %s", rec.Code, rec.Body)
	}
}

func TestExemptPaths(t *testing.T) {
	for p, want := range map[string]bool{
		"/health": true, "/healthz": true, "/livez": true, "/readyz": true,
		"/webhooks": true, "/webhooks/subscriptions/1": true, "/v2/webhooks": true,
		"/gateway/callback/stripe": true, "/v12/gateway/callbacks": true,
		"/webhooks/../v2/payments": false, "/health/%2e%2e/v2/payments": false, "//health": true,
		"/v2/payments": false, "/healthcheck": false, "/webhooksx": false, "/x/health": false, "/v/health": false,
	} {
		r := httptest.NewRequest("GET", p, nil)
		if got := middleware.DefaultExempt(r); got != want {
			t.Errorf("%s: exempt %v, want %v", p, got, want)
		}
	}
	only := middleware.ExemptPaths("status/", "/ops")
	if !only(httptest.NewRequest("GET", "/status", nil)) || only(httptest.NewRequest("GET", "/health", nil)) {
		t.Error("ExemptPaths")
	}
}

func TestTokenBucketBounded(t *testing.T) {
	tb := middleware.NewTokenBucket(rate.Every(time.Hour), 1, 64)
	for i := 0; i < 10_000; i++ {
		tb.Allow(context.Background(), fmt.Sprint("key", i))
	}
	if n := tb.Len(); n > 64 {
		t.Errorf("%d keys kept, bound is 64", n)
	}
	d := tb.Allow(context.Background(), "k")
	if !d.Allowed || d.Limit != 1 {
		t.Errorf("first: %+v", d)
	}
	d = tb.Allow(context.Background(), "k")
	if d.Allowed || d.Wait < 59*time.Minute || d.Wait > time.Hour {
		t.Errorf("second: %+v", d)
	}
}

func TestDefaultRateKey(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "[2001:db8::1]:5555"
	if k := middleware.DefaultRateKey(r); k != "2001:db8::1" {
		t.Errorf("ipv6: %q", k)
	}
	r.RemoteAddr = "192.0.2.1:1234"
	if k := middleware.DefaultRateKey(r); k != "192.0.2.1" {
		t.Errorf("ipv4: %q", k)
	}
	r.Header.Set("Authorization", "ApiKey pk_live_1")
	if k := middleware.DefaultRateKey(r); k != "key:pk_live_1" {
		t.Errorf("authorization: %q", k)
	}
	r.Header.Set("X-Api-Key", strings.Repeat("k", 500))
	if k := middleware.DefaultRateKey(r); k != "key:pk_live_1" {
		t.Errorf("oversized key used: %.20q", k)
	}
}

func TestSwitch(t *testing.T) {
	var sw middleware.Switch
	if _, on := sw.MaintenanceUntil(context.Background()); on {
		t.Error("zero switch is on")
	}
	sw.OnFor(time.Minute)
	if until, on := sw.MaintenanceUntil(context.Background()); !on || time.Until(until) > time.Minute {
		t.Error("OnFor")
	}
	sw.Off()
	if _, on := sw.MaintenanceUntil(context.Background()); on {
		t.Error("Off")
	}
	for _, tc := range []struct {
		name string
		on   func(*middleware.Switch)
		want bool
	}{
		{"year 9999", func(s *middleware.Switch) { s.On(time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)) }, true},
		{"huge duration", func(s *middleware.Switch) { s.OnFor(time.Duration(1<<63 - 1)) }, true},
		{"zero time", func(s *middleware.Switch) { s.On(time.Time{}) }, false},
		{"before 1970", func(s *middleware.Switch) { s.On(time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)) }, false},
		{"past", func(s *middleware.Switch) { s.On(time.Now().Add(-time.Second)) }, false},
	} {
		var sw middleware.Switch
		tc.on(&sw)
		if _, on := sw.MaintenanceUntil(context.Background()); on != tc.want {
			t.Errorf("%s: on %v, want %v", tc.name, on, tc.want)
		}
	}
}

// asQuote is an error that converts itself with an As method.
type asQuote struct{}

func (asQuote) Error() string { return "quote gone" }
func (asQuote) As(target any) bool {
	if p, ok := target.(**apierr.Error); ok {
		*p = apierr.New(apierr.QOT0002)
		return true
	}
	return false
}

func TestHijack(t *testing.T) {
	srv := httptest.NewServer(middleware.Wrap(middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		conn, rw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return err
		}
		defer conn.Close()
		_, _ = rw.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi")
		_ = rw.Flush()
		return errors.New("after hijack")
	}), middleware.WithLogger(slog.New(slog.DiscardHandler))))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "hi" {
		t.Errorf("%d %q", resp.StatusCode, body)
	}
}
