package telemetry_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/logtest"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echomw"
	"github.com/errkit/errkit/middleware/echov5mw"
	"github.com/errkit/errkit/middleware/ginmw"
	"github.com/errkit/errkit/telemetry"
	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	echov5 "github.com/labstack/echo/v5"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

// rig is a real server behind otelhttp and errkit, with an in-memory
// span recorder, metric reader and log.
type rig struct {
	srv    *httptest.Server
	spans  *tracetest.SpanRecorder
	reader *sdkmetric.ManualReader
	log    *logtest.Sink
}

// door builds the same API on one door: GET /health succeeds, GET
// /v2/payments/{id} fails with PAY0001 (404), GET /v2/broken panics (500);
// GET /v2/late sends 202 and its body, then fails (a 500 error), and GET
// /v2/late-panic sends 200 and its body, then panics: both fail after
// their response was committed.
type door struct {
	name  string
	route string // the route template of /v2/payments/42 on this door
	build func(opts ...middleware.Option) http.Handler
}

// errLate is what /v2/late fails with once its 202 is sent.
var errLate = errors.New("ledger write failed after the answer")

var doors = []door{
	{"net/http", "/v2/payments/{id}", func(opts ...middleware.Option) http.Handler {
		mux := http.NewServeMux()
		mux.Handle("GET /health", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			_, err := io.WriteString(w, `{"status":"ok"}`)
			return err
		}))
		mux.Handle("GET /v2/payments/{id}", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			return apierr.New(apierr.PAY0001).With("id", r.PathValue("id"))
		}))
		mux.Handle("GET /v2/broken", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			panic("ledger unreachable")
		}))
		mux.Handle("GET /v2/late", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			w.WriteHeader(http.StatusAccepted)
			_, _ = io.WriteString(w, `{"status":"accepted"}`)
			return errLate
		}))
		mux.Handle("GET /v2/late-panic", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			_, _ = io.WriteString(w, `{"status":"ok"}`)
			panic("ledger unreachable")
		}))
		return middleware.New(opts...).Wrap(mux)
	}},
	{"echo", "/v2/payments/:id", func(opts ...middleware.Option) http.Handler {
		e := echo.New()
		e.HideBanner, e.HidePort = true, true
		echomw.Install(e, opts...)
		e.GET("/health", func(c echo.Context) error { return c.JSON(200, map[string]string{"status": "ok"}) })
		e.GET("/v2/payments/:id", func(c echo.Context) error {
			return apierr.New(apierr.PAY0001).With("id", c.Param("id"))
		})
		e.GET("/v2/broken", func(c echo.Context) error { panic("ledger unreachable") })
		e.GET("/v2/late", func(c echo.Context) error {
			_ = c.JSON(http.StatusAccepted, map[string]string{"status": "accepted"})
			return errLate
		})
		e.GET("/v2/late-panic", func(c echo.Context) error {
			_ = c.JSON(http.StatusOK, map[string]string{"status": "ok"})
			panic("ledger unreachable")
		})
		return e
	}},
	{"echo v5", "/v2/payments/:id", func(opts ...middleware.Option) http.Handler {
		e := echov5mw.New(opts...).NewEcho(echov5.Config{})
		e.GET("/health", func(c *echov5.Context) error { return c.JSON(200, map[string]string{"status": "ok"}) })
		e.GET("/v2/payments/:id", func(c *echov5.Context) error {
			return apierr.New(apierr.PAY0001).With("id", c.Param("id"))
		})
		e.GET("/v2/broken", func(c *echov5.Context) error { panic("ledger unreachable") })
		e.GET("/v2/late", func(c *echov5.Context) error {
			_ = c.JSON(http.StatusAccepted, map[string]string{"status": "accepted"})
			return errLate
		})
		e.GET("/v2/late-panic", func(c *echov5.Context) error {
			_ = c.JSON(http.StatusOK, map[string]string{"status": "ok"})
			panic("ledger unreachable")
		})
		return e
	}},
	{"gin", "/v2/payments/:id", func(opts ...middleware.Option) http.Handler {
		e := gin.New()
		ginmw.Install(e, opts...)
		e.GET("/health", func(c *gin.Context) { c.JSON(200, gin.H{"status": "ok"}) })
		e.GET("/v2/payments/:id", ginmw.Handler(func(c *gin.Context) error {
			return apierr.New(apierr.PAY0001).With("id", c.Param("id"))
		}))
		e.GET("/v2/broken", func(c *gin.Context) { panic("ledger unreachable") })
		e.GET("/v2/late", ginmw.Handler(func(c *gin.Context) error {
			c.JSON(http.StatusAccepted, gin.H{"status": "accepted"})
			return errLate
		}))
		e.GET("/v2/late-panic", func(c *gin.Context) {
			c.JSON(http.StatusOK, gin.H{"status": "ok"})
			panic("ledger unreachable")
		})
		return e
	}},
}

func init() { gin.SetMode(gin.ReleaseMode) }

func newRig(t *testing.T, d door, opts ...middleware.Option) *rig {
	t.Helper()
	g := &rig{spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader(), log: new(logtest.Sink)}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(g.spans))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(g.reader))
	t.Cleanup(func() {
		_ = tp.Shutdown(context.Background())
		_ = mp.Shutdown(context.Background())
	})
	rec, err := telemetry.New(telemetry.WithMeterProvider(mp))
	if err != nil {
		t.Fatal(err)
	}
	opts = append([]middleware.Option{
		middleware.WithLogger(g.log.Logger()),
		rec.Option(),
	}, opts...)
	h := otelhttp.NewHandler(d.build(opts...), "api",
		otelhttp.WithTracerProvider(tp),
		otelhttp.WithPropagators(propagation.TraceContext{}))
	g.srv = httptest.NewServer(h)
	t.Cleanup(g.srv.Close)
	return g
}

// get sends a GET with the given headers and returns the response's
// status, X-Request-Id and body.
func (g *rig) get(t *testing.T, path string, hdr ...string) (int, string, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", g.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := g.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("X-Request-Id"), body
}

// counts returns the failure counter's points, keyed by their attributes
// as "code status route".
func (g *rig) counts(t *testing.T) map[string]int64 {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := g.reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, sm := range rm.ScopeMetrics {
		if sm.Scope.Name != telemetry.ScopeName {
			continue
		}
		for _, m := range sm.Metrics {
			if m.Name != telemetry.MetricName {
				t.Errorf("unexpected metric %q", m.Name)
				continue
			}
			sum, ok := m.Data.(metricdata.Sum[int64])
			if !ok || !sum.IsMonotonic {
				t.Fatalf("%s is %T, want a monotonic counter", m.Name, m.Data)
			}
			for _, p := range sum.DataPoints {
				if p.Attributes.Len() > 3 {
					t.Errorf("point %v has more than code, status and route", p.Attributes.ToSlice())
				}
				code, _ := p.Attributes.Value(telemetry.CodeKey)
				status, _ := p.Attributes.Value("http.response.status_code")
				route, _ := p.Attributes.Value("http.route")
				got[code.AsString()+" "+status.Emit()+" "+route.AsString()] += p.Value
			}
		}
	}
	return got
}

// span returns the one ended span whose X-Request-Id response matched id.
func (g *rig) span(t *testing.T, id string) sdktrace.ReadOnlySpan {
	t.Helper()
	var found []sdktrace.ReadOnlySpan
	for _, s := range g.spans.Ended() {
		if v, ok := attr(s.Attributes(), telemetry.RequestIDKey); ok && v.AsString() == id {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d spans with request ID %q, want 1", len(found), id)
	}
	return found[0]
}

func attr(kvs []attribute.KeyValue, k attribute.Key) (attribute.Value, bool) {
	for _, kv := range kvs {
		if kv.Key == k {
			return kv.Value, true
		}
	}
	return attribute.Value{}, false
}

func TestSpansAndCounts(t *testing.T) {
	for _, d := range doors {
		t.Run(d.name, func(t *testing.T) {
			g := newRig(t, d)
			for range 3 {
				if st, _, _ := g.get(t, "/v2/payments/42"); st != 404 {
					t.Fatalf("status %d, want 404", st)
				}
			}
			st, id404, _ := g.get(t, "/v2/payments/7")
			if st != 404 {
				t.Fatalf("status %d, want 404", st)
			}
			st, id500, _ := g.get(t, "/v2/broken")
			if st != 500 {
				t.Fatalf("status %d, want 500", st)
			}
			if st, _, _ := g.get(t, "/health"); st != 200 {
				t.Fatalf("status %d, want 200", st)
			}
			for _, p := range []string{"/no/such/route/a1", "/no/such/route/b2?x=1"} {
				if st, _, _ := g.get(t, p); st != 404 {
					t.Fatalf("%s: status %d, want 404", p, st)
				}
			}

			// The counter: by code, status and route template; the raw
			// paths of the unknown routes appear nowhere.
			want := map[string]int64{
				"PAY0001 404 " + d.route: 4,
				"GEN9001 500 /v2/broken": 1,
				"GEN9404 404 ":           2,
			}
			got := g.counts(t)
			if len(got) != len(want) {
				t.Errorf("counts %v, want %v", got, want)
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("count of %q = %d, want %d (all: %v)", k, got[k], v, got)
				}
			}

			// A 4xx: code, contract and route on the span, an event, the
			// status left unset.
			s := g.span(t, id404)
			checkAttrs(t, s, map[attribute.Key]string{
				telemetry.CodeKey:     "PAY0001",
				telemetry.ContractKey: "nexpay",
				"http.route":          d.route,
			})
			if _, ok := attr(s.Attributes(), "error.type"); ok {
				t.Error("a 4xx span has error.type")
			}
			if s.Status().Code != codes.Unset {
				t.Errorf("4xx span status %v, want Unset", s.Status())
			}
			checkEvent(t, s, "PAY0001", 404)

			// A 5xx: error status and error.type, the cause kept out.
			s = g.span(t, id500)
			checkAttrs(t, s, map[attribute.Key]string{
				telemetry.CodeKey: "GEN9001",
				"error.type":      "GEN9001",
			})
			if s.Status().Code != codes.Error {
				t.Errorf("5xx span status %v, want Error", s.Status())
			}
			checkEvent(t, s, "GEN9001", 500)
			for _, kv := range s.Attributes() {
				if strings.Contains(kv.Value.Emit(), "ledger") {
					t.Errorf("the cause reached the span: %v", kv)
				}
			}

			// Every failure's span, the unknown routes' too, has its code,
			// its contract, its request ID and one event; the successful
			// request's span has nothing of errkit.
			failed := 0
			for _, s := range g.spans.Ended() {
				st, _ := attr(s.Attributes(), "http.response.status_code")
				if st.AsInt64() == 200 {
					if _, ok := attr(s.Attributes(), telemetry.CodeKey); ok || len(s.Events()) > 0 {
						t.Errorf("a successful span carries failure telemetry: %v %v", s.Attributes(), s.Events())
					}
					continue
				}
				failed++
				for _, k := range []attribute.Key{telemetry.CodeKey, telemetry.ContractKey, telemetry.RequestIDKey} {
					if v, ok := attr(s.Attributes(), k); !ok || v.AsString() == "" {
						t.Errorf("a %d span lacks %s: %v", st.AsInt64(), k, s.Attributes())
					}
				}
				failureEvent(t, s)
			}
			if failed != 7 {
				t.Errorf("%d failed spans, want 7", failed)
			}
		})
	}
}

func checkAttrs(t *testing.T, s sdktrace.ReadOnlySpan, want map[attribute.Key]string) {
	t.Helper()
	for k, v := range want {
		got, ok := attr(s.Attributes(), k)
		if !ok || got.AsString() != v {
			t.Errorf("span %s: %s = %q, want %q", s.Name(), k, got.AsString(), v)
		}
	}
}

func checkEvent(t *testing.T, s sdktrace.ReadOnlySpan, code string, status int64) {
	t.Helper()
	ev := failureEvent(t, s)
	c, _ := attr(ev.Attributes, telemetry.CodeKey)
	st, _ := attr(ev.Attributes, "http.response.status_code")
	if c.AsString() != code || st.AsInt64() != status {
		t.Errorf("event %v, want code %s status %d", ev.Attributes, code, status)
	}
}

// record returns the one record of sink whose request_id is id.
func record(t *testing.T, sink *logtest.Sink, id string) map[string]any {
	t.Helper()
	recs, _, err := sink.Records()
	if err != nil {
		t.Fatal(err)
	}
	var found []map[string]any
	for _, m := range recs {
		if m["request_id"] == id {
			found = append(found, m)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d records with request_id %q, want 1: %v", len(found), id, recs)
	}
	return found[0]
}
