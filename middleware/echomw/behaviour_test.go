package echomw_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/apierr/kit"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echomw"
	"github.com/go-chi/chi/v5"
	"github.com/labstack/echo/v4"
	echomiddleware "github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"
)

func serve(h http.Handler, method, target string, hdr map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func code(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var b struct{ Code string }
	if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil {
		t.Fatalf("body is not JSON: %q", rec.Body)
	}
	return b.Code
}

func TestMaintenance(t *testing.T) {
	ds, sw := doors(t, quiet())
	for _, d := range ds {
		sw.OnFor(90*time.Second + 200*time.Millisecond)
		rec := serve(d.h, "GET", "/v2/payments/1", nil)
		if rec.Code != 503 || code(t, rec) != "[GEN9013]" || rec.Header().Get("Retry-After") != "91" {
			t.Errorf("%s: maintenance: %d %s Retry-After %q", d.name, rec.Code, rec.Body, rec.Header().Get("Retry-After"))
		}
		for _, p := range []string{"/health", "/v2/webhooks/subscriptions", "/gateway/callback/stripe"} {
			if rec := serve(d.h, "GET", p, nil); rec.Code == 503 {
				t.Errorf("%s: %s is exempt, got 503", d.name, p)
			}
		}
		sw.Off()
		if rec := serve(d.h, "GET", "/health", nil); rec.Code != 200 {
			t.Errorf("%s: after Off: %d", d.name, rec.Code)
		}
		sw.On(time.Now().Add(-time.Second))
		if rec := serve(d.h, "GET", "/v2/payments/1", nil); rec.Code != 404 {
			t.Errorf("%s: maintenance over: %d", d.name, rec.Code)
		}
	}
}

// fixedState is a shared maintenance state that reports a fixed answer.
type fixedState struct {
	until time.Time
	on    bool
}

func (f fixedState) MaintenanceUntil(context.Context) (time.Time, bool) { return f.until, f.on }

// A state on with no end answers 503 with the documented Retry-After; a
// far end is on too, and the Switch clamps what it cannot hold.
func TestMaintenanceEnds(t *testing.T) {
	for _, tc := range []struct {
		name       string
		state      fixedState
		status     int
		retryAfter string
	}{
		{"on, end unknown", fixedState{on: true}, 503, "60"},
		{"on until year 9999", fixedState{until: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), on: true}, 503, ""},
		{"on, end passed", fixedState{until: time.Now().Add(-time.Minute), on: true}, 404, ""},
		{"off", fixedState{}, 404, ""},
	} {
		ds, _ := doors(t, quiet(), middleware.WithMaintenance(tc.state))
		for _, d := range ds {
			rec := serve(d.h, "GET", "/v2/payments/1", nil)
			ra := rec.Header().Get("Retry-After")
			if rec.Code != tc.status || tc.retryAfter != "" && ra != tc.retryAfter || tc.status == 503 && ra == "" {
				t.Errorf("%s: %s: %d Retry-After %q, want %d %q", tc.name, d.name, rec.Code, ra, tc.status, tc.retryAfter)
			}
		}
	}
	ds, sw := doors(t, quiet())
	for _, on := range []func(){
		func() { sw.On(time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)) },
		func() { sw.OnFor(time.Duration(1<<63 - 1)) },
	} {
		on()
		for _, d := range ds {
			if rec := serve(d.h, "GET", "/v2/payments/1", nil); rec.Code != 503 {
				t.Errorf("%s: switch on far away: %d", d.name, rec.Code)
			}
		}
	}
}

// TestMaintenanceFlipRace flips maintenance while requests run; run it
// with -race.
func TestMaintenanceFlipRace(t *testing.T) {
	ds, sw := doors(t, quiet())
	stop := make(chan struct{})
	var flips sync.WaitGroup
	flips.Add(1)
	go func() {
		defer flips.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if i%2 == 0 {
				sw.OnFor(time.Minute)
			} else {
				sw.Off()
			}
		}
	}()
	var wg sync.WaitGroup
	for _, d := range ds {
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 50; i++ {
					rec := serve(d.h, "GET", "/v2/payments/1", nil)
					switch c := code(t, rec); {
					case rec.Code == 404 && c == "[PAY0001]":
					case rec.Code == 503 && c == "[GEN9013]":
						if n, err := strconv.Atoi(rec.Header().Get("Retry-After")); err != nil || n < 1 {
							t.Errorf("%s: Retry-After %q", d.name, rec.Header().Get("Retry-After"))
						}
					default:
						t.Errorf("%s: %d %s", d.name, rec.Code, rec.Body)
					}
				}
			}()
		}
	}
	wg.Wait()
	close(stop)
	flips.Wait()
}

func TestPanicStorm(t *testing.T) {
	ds, _ := doors(t, quiet())
	for _, d := range ds {
		srv := httptest.NewServer(d.h)
		var wg sync.WaitGroup
		for i := 0; i < 100; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, err := srv.Client().Get(srv.URL + "/v2/fail/panic")
				if err != nil {
					t.Error(err)
					return
				}
				defer resp.Body.Close()
				body, _ := io.ReadAll(resp.Body)
				var b struct{ Code string }
				if err := json.Unmarshal(body, &b); err != nil || resp.StatusCode != 500 || b.Code != "[GEN9001]" {
					t.Errorf("%s: %d %q", d.name, resp.StatusCode, body)
				}
				if bytes.Contains(body, []byte(secret)) {
					t.Errorf("%s: panic value leaked", d.name)
				}
			}()
		}
		wg.Wait()
		resp, err := srv.Client().Get(srv.URL + "/health")
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("%s: server does not serve after the storm: %v %v", d.name, resp, err)
		}
		if resp != nil {
			resp.Body.Close()
		}
		srv.Close()
	}
}

func TestAbortHandlerRepanics(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /abort", func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) })
	e := echo.New()
	echomw.Install(e, quiet())
	e.GET("/abort", func(echo.Context) error { panic(http.ErrAbortHandler) })
	for name, h := range map[string]http.Handler{"net/http": middleware.Wrap(mux, quiet()), "echo": e} {
		func() {
			defer func() {
				if v := recover(); v != http.ErrAbortHandler {
					t.Errorf("%s: recovered %v, want http.ErrAbortHandler", name, v)
				}
			}()
			serve(h, "GET", "/abort", nil)
		}()
	}
}

func TestRateLimit(t *testing.T) {
	lim := middleware.NewTokenBucket(rate.Every(10*time.Second), 2, 0)
	perIP := middleware.NewTokenBucket(rate.Every(10*time.Second), 100, 0)
	ds, _ := doors(t, quiet(), middleware.WithRateLimit(lim), middleware.WithIPRateLimit(perIP))
	for _, d := range ds {
		key := map[string]string{"X-Api-Key": "pk_" + d.name}
		for i := 0; i < 2; i++ {
			if rec := serve(d.h, "GET", "/health", key); rec.Code != 200 {
				t.Fatalf("%s: request %d: %d", d.name, i, rec.Code)
			}
		}
		rec := serve(d.h, "GET", "/health", key)
		if rec.Code != 429 || code(t, rec) != "[GEN9429]" {
			t.Fatalf("%s: over the limit: %d %s", d.name, rec.Code, rec.Body)
		}
		h := rec.Header()
		ra, _ := strconv.Atoi(h.Get("Retry-After"))
		if ra < 9 || ra > 10 || h.Get("RateLimit-Limit") != "2" || h.Get("RateLimit-Remaining") != "0" || h.Get("RateLimit-Reset") != h.Get("Retry-After") {
			t.Errorf("%s: headers %v", d.name, h)
		}
		// Another client is not limited, also from the same address
		// (within the per-IP allowance).
		if rec := serve(d.h, "GET", "/health", map[string]string{"X-Api-Key": "pk_other" + d.name}); rec.Code != 200 {
			t.Errorf("%s: other key: %d", d.name, rec.Code)
		}
	}
}

// Made-up API keys rotated from one address are counted against the
// address: by the per-key limiter itself by default, by the per-IP one
// when given.
func TestRateLimitRotatingKeys(t *testing.T) {
	every := rate.Every(time.Hour)
	for _, tc := range []struct {
		name    string
		opts    func() []middleware.Option
		allowed int // requests from one IP with rotating keys before a 429
	}{
		{"default: the key's limiter counts the IP", func() []middleware.Option {
			return []middleware.Option{middleware.WithRateLimit(middleware.NewTokenBucket(every, 2, 0))}
		}, 2},
		{"per-IP limiter", func() []middleware.Option {
			return []middleware.Option{middleware.WithRateLimit(middleware.NewTokenBucket(every, 2, 0)),
				middleware.WithIPRateLimit(middleware.NewTokenBucket(every, 5, 0))}
		}, 5},
		{"per-IP limiter alone", func() []middleware.Option {
			return []middleware.Option{middleware.WithIPRateLimit(middleware.NewTokenBucket(every, 3, 0))}
		}, 3},
	} {
		for i, name := range []string{"net/http", "echo", "echo-handler"} {
			// Health checks are not counted against the IP by default;
			// here they are, to count the requests of one address.
			ds, _ := doors(t, append(tc.opts(), quiet(), middleware.WithRateLimitExempt(nil))...)
			d := ds[i]
			for n := 0; n <= tc.allowed; n++ {
				req := httptest.NewRequest("GET", "/health", nil)
				req.RemoteAddr = "198.51.100.7:4000"
				req.Header.Set("X-Api-Key", "fake-"+strconv.Itoa(n))
				rec := httptest.NewRecorder()
				d.h.ServeHTTP(rec, req)
				if want := map[bool]int{true: 200, false: 429}[n < tc.allowed]; rec.Code != want {
					t.Errorf("%s: %s: request %d: %d, want %d", tc.name, name, n, rec.Code, want)
				}
			}
			// Another address is not limited.
			req := httptest.NewRequest("GET", "/health", nil)
			req.RemoteAddr = "203.0.113.9:4000"
			req.Header.Set("X-Api-Key", "fake-x")
			rec := httptest.NewRecorder()
			d.h.ServeHTTP(rec, req)
			if rec.Code != 200 {
				t.Errorf("%s: %s: other address: %d", tc.name, name, rec.Code)
			}
		}
	}
}

// A key the authentication vouches for (WithRateKey) is not counted
// against the address unless WithIPRateLimit asks.
func TestRateLimitVouchedKey(t *testing.T) {
	ds, _ := doors(t, quiet(), middleware.WithRateLimit(middleware.NewTokenBucket(rate.Every(time.Hour), 1, 0)),
		middleware.WithRateKey(func(r *http.Request) string { return r.Header.Get("X-Api-Key") }))
	for _, d := range ds {
		for n := range 3 {
			rec := serve(d.h, "GET", "/health", map[string]string{"X-Api-Key": d.name + strconv.Itoa(n)})
			if rec.Code != 200 {
				t.Errorf("%s: key %d: %d", d.name, n, rec.Code)
			}
		}
	}
}

func TestEchoRateLimiterAdapter(t *testing.T) {
	e := echo.New()
	s := echomw.Install(e, quiet())
	e.Use(echomiddleware.RateLimiterWithConfig(echomiddleware.RateLimiterConfig{
		Store:       echomiddleware.NewRateLimiterMemoryStoreWithConfig(echomiddleware.RateLimiterMemoryStoreConfig{Rate: 0.5, Burst: 1}),
		DenyHandler: s.DenyHandler(0.5, 1),
	}))
	e.GET("/x", func(c echo.Context) error { return c.NoContent(204) })
	serve(e, "GET", "/x", nil)
	rec := serve(e, "GET", "/x", nil)
	if rec.Code != 429 || code(t, rec) != "[GEN9429]" || rec.Header().Get("Retry-After") != "2" || rec.Header().Get("RateLimit-Limit") != "1" {
		t.Errorf("echo limiter denial: %d %s %v", rec.Code, rec.Body, rec.Header())
	}
}

func TestRequestID(t *testing.T) {
	ds, _ := doors(t, quiet())
	huge := strings.Repeat("a", 10_000)
	for _, d := range ds {
		for _, bad := range []string{"<script>alert(1)</script>", huge, "a b", "é", "id\x7f", "x;y=z"} {
			rec := serve(d.h, "GET", "/v2/nothing", map[string]string{"X-Request-Id": bad})
			id := rec.Header().Get("X-Request-Id")
			if id == bad || len(id) != 32 || !middleware.ValidRequestID(id) {
				t.Errorf("%s: X-Request-Id %q for incoming %.20q", d.name, id, bad)
			}
			if strings.Contains(rec.Body.String(), bad) {
				t.Errorf("%s: incoming ID reflected in the body", d.name)
			}
		}
		rec := serve(d.h, "GET", "/health", map[string]string{"X-Request-Id": "req-123_A.b:c"})
		if got := rec.Header().Get("X-Request-Id"); got != "req-123_A.b:c" {
			t.Errorf("%s: valid ID not kept: %q", d.name, got)
		}
		tp := "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
		rec = serve(d.h, "GET", "/health", map[string]string{"Traceparent": tp})
		if got := rec.Header().Get("X-Request-Id"); got != "4bf92f3577b34da6a3ce929d0e0e4736" {
			t.Errorf("%s: traceparent not used: %q", d.name, got)
		}
		a := serve(d.h, "GET", "/health", nil).Header().Get("X-Request-Id")
		b := serve(d.h, "GET", "/health", nil).Header().Get("X-Request-Id")
		if a == b || len(a) != 32 {
			t.Errorf("%s: generated IDs %q %q", d.name, a, b)
		}
	}
}

func TestInvalidPaths(t *testing.T) {
	ds, _ := doors(t, quiet())
	for _, d := range ds {
		for _, p := range []string{"/v2/payments/%FF%FE", "/v2/payments/%00", "/v2/%2e%2e/%2e%2e/etc", "/v2/payments/%3Cscript%3E"} {
			rec := serve(d.h, "GET", p, nil)
			if rec.Code >= 500 || !json.Valid(rec.Body.Bytes()) && rec.Code != 301 && rec.Code != 307 {
				t.Errorf("%s %s: %d %q", d.name, p, rec.Code, rec.Body)
			}
			if strings.Contains(rec.Body.String(), "<script>") {
				t.Errorf("%s %s: path reflected raw: %s", d.name, p, rec.Body)
			}
		}
		// A path whose raw form holds an invalid escape.
		req := httptest.NewRequest("GET", "/v2/payments/x", nil)
		req.URL.RawPath = "/v2/payments/%zz"
		req.URL.Path = "/v2/payments/%zz"
		rec := httptest.NewRecorder()
		d.h.ServeHTTP(rec, req)
		if rec.Code >= 500 || !json.Valid(rec.Body.Bytes()) {
			t.Errorf("%s: invalid escape: %d %q", d.name, rec.Code, rec.Body)
		}
	}
}

// records is a slog.Handler keeping every record.
type records struct {
	mu   sync.Mutex
	recs []slog.Record
}

func (h *records) Enabled(context.Context, slog.Level) bool { return true }
func (h *records) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	h.recs = append(h.recs, r.Clone())
	h.mu.Unlock()
	return nil
}
func (h *records) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *records) WithGroup(string) slog.Handler      { return h }

func (h *records) attrs(i int) map[string]string {
	m := map[string]string{"msg": h.recs[i].Message, "level": h.recs[i].Level.String()}
	h.recs[i].Attrs(func(a slog.Attr) bool { m[a.Key] = a.Value.String(); return true })
	return m
}

// TestLogging checks one record per failed request, with what the issue
// lists, on both doors; the cause goes to the log, not the body.
func TestLogging(t *testing.T) {
	for i, name := range []string{"net/http", "echo", "echo-handler"} {
		var h records
		var failures []middleware.Failure
		ds, _ := doors(t, middleware.WithLogger(slog.New(&h)), middleware.WithMetrics(func(f middleware.Failure) {
			failures = append(failures, f)
		}))
		d := ds[i]
		serve(d.h, "GET", "/v2/fail/plain", map[string]string{"X-Request-Id": "rid-1"})
		serve(d.h, "GET", "/v2/payments/9", nil)
		serve(d.h, "GET", "/v2/fail/half", nil)
		gone, cancel := context.WithCancel(context.Background())
		cancel() // the client went away
		d.h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequestWithContext(gone, "GET", "/v2/fail/canceled", nil))
		serve(d.h, "GET", "/v2/fail/panic", nil)
		serve(d.h, "GET", "/health", nil)
		if len(h.recs) != 5 {
			for i := range h.recs {
				t.Log(h.attrs(i))
			}
			t.Fatalf("%s: %d records, want 5", name, len(h.recs))
		}
		a := h.attrs(0)
		route := "GET /v2/fail/{kind}"
		if name != "net/http" {
			route = "/v2/fail/:kind"
		}
		if a["level"] != "ERROR" || a["code"] != "GEN9001" || a["status"] != "500" || a["method"] != "GET" ||
			a["route"] != route || a["request_id"] != "rid-1" || !strings.Contains(a["error"], secret) {
			t.Errorf("%s: 500 record %v", name, a)
		}
		if a := h.attrs(1); a["level"] != "INFO" || a["code"] != "PAY0001" {
			t.Errorf("%s: 404 record %v", name, a)
		}
		if a := h.attrs(2); a["level"] != "ERROR" || !strings.Contains(a["msg"], "committed") {
			t.Errorf("%s: half-written record %v", name, a)
		}
		if a := h.attrs(3); a["level"] != "DEBUG" {
			t.Errorf("%s: canceled record %v", name, a)
		}
		if a := h.attrs(4); !strings.Contains(a["stack"], "goroutine") || !strings.Contains(a["error"], "boom") {
			t.Errorf("%s: panic record %v", name, a)
		}
		if len(failures) != 5 || failures[0].Status != 500 || failures[0].Code != "GEN9001" || failures[3].Status != 0 {
			t.Errorf("%s: metrics %+v", name, failures)
		}
	}
}

func TestDoubleErrorHandler(t *testing.T) {
	// echo: a middleware that answers the error itself and returns it too,
	// as echo's logger middleware may: the handler runs twice.
	e := echo.New()
	echomw.Install(e, quiet())
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			return err
		}
	})
	e.GET("/x", func(echo.Context) error { return apierr.New(apierr.PAY0001) })
	// net/http: a handler that answers its error and returns it too.
	mux := http.NewServeMux()
	mux.Handle("GET /x", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		err := apierr.New(apierr.PAY0001)
		middleware.Error(w, r, err)
		return err
	}))
	for name, h := range map[string]http.Handler{"echo": e, "net/http": middleware.Wrap(mux, quiet())} {
		rec := serve(h, "GET", "/x", nil)
		dec := json.NewDecoder(rec.Body)
		var first map[string]any
		if err := dec.Decode(&first); err != nil || rec.Code != 404 {
			t.Fatalf("%s: %d %v", name, rec.Code, err)
		}
		if dec.More() {
			t.Errorf("%s: body written twice", name)
		}
	}
}

func TestChi(t *testing.T) {
	defer apierr.SetClock(func() time.Time { return pinned })()
	r := chi.NewRouter()
	s := middleware.New(quiet())
	r.Use(s.RequestID, s.Recover, s.PlainErrors)
	r.Method("GET", "/v2/payments/{id}", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apierr.New(apierr.PAY0001).With("id", chi.URLParam(r, "id"))
	}))
	r.Post("/v2/payments", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(201) })
	rec := serve(r, "GET", "/v2/payments/7", nil)
	if rec.Code != 404 || code(t, rec) != "[PAY0001]" || !strings.Contains(rec.Body.String(), `"id":"7"`) {
		t.Errorf("chi handler error: %d %s", rec.Code, rec.Body)
	}
	rec = serve(r, "GET", "/nothing", nil)
	if rec.Code != 404 || code(t, rec) != "[GEN9404]" {
		t.Errorf("chi 404: %d %s", rec.Code, rec.Body)
	}
	rec = serve(r, "DELETE", "/v2/payments", nil)
	if rec.Code != 405 || code(t, rec) != "[GEN9405]" || !strings.Contains(rec.Header().Get("Allow"), "POST") {
		t.Errorf("chi 405: %d %s %v", rec.Code, rec.Body, rec.Header())
	}
}

// traceContract is Nexpay v2 with the request ID in the body, as contracts
// with a trace field (legacy Nexpay traceId, Cryptopay meta.request_id) do.
type traceContract struct{ apierr.Contract }

func (c traceContract) AppendBody(dst []byte, b apierr.Body) ([]byte, error) {
	dst = append(dst, `{"traceId":`...)
	dst = kit.AppendString(dst, b.Meta.RequestID)
	return append(dst, '}'), nil
}

func TestContractTraceField(t *testing.T) {
	ds, _ := doors(t, quiet(), middleware.WithContract(traceContract{apierr.Nexpay}))
	for _, d := range ds {
		for _, target := range []string{"/v2/payments/1", "/v2/nothing", "/v2/fail/panic"} {
			rec := serve(d.h, "GET", target, map[string]string{"X-Request-Id": "rid-9"})
			if rec.Body.String() != `{"traceId":"rid-9"}` {
				t.Errorf("%s %s: %s", d.name, target, rec.Body)
			}
			rec = serve(d.h, "GET", target, map[string]string{"X-Request-Id": "bad id<>"})
			id := rec.Header().Get("X-Request-Id")
			if len(id) != 32 || rec.Body.String() != `{"traceId":"`+id+`"}` {
				t.Errorf("%s %s: generated ID %q, body %s", d.name, target, id, rec.Body)
			}
		}
	}
}

// The trace ID a contract's body shows for a request ID that is not 32 hex
// digits is in the log record as trace_id, so that support finds it.
func TestTraceIDLogged(t *testing.T) {
	for _, c := range []apierr.Contract{nexpaylegacy.Contract, cryptopay.Contract} {
		for i, name := range []string{"net/http", "echo", "echo-handler"} {
			var h records
			ds, _ := doors(t, middleware.WithLogger(slog.New(&h)), middleware.WithContract(c))
			for _, tc := range []struct {
				hdr      map[string]string
				wantAttr bool
			}{
				{map[string]string{"X-Request-Id": "order-7f3a"}, true},
				{map[string]string{"X-Request-Id": "4bf92f3577b34da6a3ce929d0e0e4736"}, false},
				{nil, false}, // generated: 32 hex digits already
				{map[string]string{"X-Request-Id": "rid-1", "Traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}, true},
			} {
				h.recs = h.recs[:0]
				rec := serve(ds[i].h, "GET", "/v2/fail/plain", tc.hdr)
				id := rec.Header().Get(middleware.RequestIDHeader)
				trace := kit.TraceHex(id)
				if !strings.Contains(rec.Body.String(), trace) {
					t.Fatalf("%s %s: body %s has no trace %s", c.Name(), name, rec.Body, trace)
				}
				if len(h.recs) != 1 {
					t.Fatalf("%s %s: %d records", c.Name(), name, len(h.recs))
				}
				a := h.attrs(0)
				if a["request_id"] != id || tc.wantAttr && a["trace_id"] != trace || !tc.wantAttr && a["trace_id"] != "" {
					t.Errorf("%s %s %v: record %v, body trace %s", c.Name(), name, tc.hdr, a, trace)
				}
				if tp := tc.hdr["Traceparent"]; tp != "" && a["w3c_trace_id"] != tp[3:35] {
					t.Errorf("%s %s: w3c_trace_id %q", c.Name(), name, a["w3c_trace_id"])
				}
			}
		}
	}
}
