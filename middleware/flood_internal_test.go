package middleware

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/logtest"
)

// records returns the records of out and their size.
func records(t *testing.T, out *logtest.Sink) ([]map[string]any, int) {
	t.Helper()
	recs, size, err := out.Records()
	if err != nil {
		t.Fatal(err)
	}
	return recs, size
}

// flood sends n requests of method and path to srv from 8 clients and
// checks each answer's status.
func flood(t *testing.T, srv *httptest.Server, path string, n, status int) {
	t.Helper()
	var wg sync.WaitGroup
	per := n / 8
	for range 8 {
		wg.Go(func() {
			for range per {
				res, err := srv.Client().Get(srv.URL + path)
				if err != nil {
					t.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != status {
					t.Errorf("GET %s: %d, want %d", path, res.StatusCode, status)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestFloodLogVolumeBounded floods a real server with bad requests: the
// 4xx records stay at the sampling's bound however many requests come,
// every 5xx is logged, and the dropped ones are counted in the next record
// of their code.
func TestFloodLogVolumeBounded(t *testing.T) {
	const n = 1600
	var out logtest.Sink
	clock := newFakeClock()
	s := New(WithLogger(out.Logger()))
	s.sampler = newSampler(DefaultLogFirst, DefaultLogPeriod, clock.now)
	mux := http.NewServeMux()
	mux.Handle("GET /v2/payments/{id}", HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apierr.New(apierr.PAY0001).With("id", r.PathValue("id"))
	}))
	mux.Handle("GET /v2/broken", HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		panic("ledger unreachable")
	}))
	srv := httptest.NewServer(s.Wrap(mux))
	defer srv.Close()

	flood(t, srv, "/v2/payments/42", n, http.StatusNotFound)
	flood(t, srv, "/no/such/route", n, http.StatusNotFound)
	flood(t, srv, "/v2/broken", 80, http.StatusInternalServerError)
	recs, size := records(t, &out)
	perCode := map[string]int{}
	for _, r := range recs {
		perCode[r["code"].(string)]++
	}
	want := map[string]int{"PAY0001": DefaultLogFirst, "GEN9404": DefaultLogFirst, "GEN9001": 80}
	for code, w := range want {
		if perCode[code] != w {
			t.Errorf("%s: %d records, want %d (all: %v)", code, perCode[code], w, perCode)
		}
	}
	if len(recs) != 2*DefaultLogFirst+80 {
		t.Errorf("%d records for %d requests, want %d", len(recs), 2*n+80, 2*DefaultLogFirst+80)
	}
	t.Logf("%d requests, %d records, %d bytes of log", 2*n+80, len(recs), size)

	// The next period: the first record of each flooded code says how
	// many were dropped.
	clock.add(DefaultLogPeriod)
	flood(t, srv, "/v2/payments/42", 8, http.StatusNotFound)
	recs, _ = records(t, &out)
	var suppressed []float64
	for _, r := range recs[2*DefaultLogFirst+80:] {
		if v, ok := r["suppressed"]; ok {
			suppressed = append(suppressed, v.(float64))
		}
	}
	if len(suppressed) != 1 || int(suppressed[0]) != n-DefaultLogFirst {
		t.Errorf("suppressed counts %v, want one of %d", suppressed, n-DefaultLogFirst)
	}
}

// TestLogSamplingOff logs every record.
func TestLogSamplingOff(t *testing.T) {
	var out logtest.Sink
	s := New(WithLogger(out.Logger()), WithLogSampling(0, 0))
	srv := httptest.NewServer(s.Wrap(http.NewServeMux()))
	defer srv.Close()
	flood(t, srv, "/nothing", 200, http.StatusNotFound)
	if recs, _ := records(t, &out); len(recs) != 200 {
		t.Fatalf("%d records, want 200", len(recs))
	}
}
