package middleware

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// records returns the JSON records written so far, and their total size.
func (b *syncBuffer) records(t *testing.T) ([]map[string]any, int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var recs []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(b.buf.Bytes()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("log line %q: %v", sc.Text(), err)
		}
		recs = append(recs, m)
	}
	return recs, b.buf.Len()
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
	n := 4000
	if raceEnabled {
		n = 1600
	}
	var out syncBuffer
	clock := newFakeClock()
	s := New(WithLogger(slog.New(slog.NewJSONHandler(&out, nil))))
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
	recs, size := out.records(t)
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
	recs, _ = out.records(t)
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
	var out syncBuffer
	s := New(WithLogger(slog.New(slog.NewJSONHandler(&out, nil))), WithLogSampling(0, 0))
	srv := httptest.NewServer(s.Wrap(http.NewServeMux()))
	defer srv.Close()
	flood(t, srv, "/nothing", 200, http.StatusNotFound)
	if recs, _ := out.records(t); len(recs) != 200 {
		t.Fatalf("%d records, want 200", len(recs))
	}
}
