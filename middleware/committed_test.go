package middleware_test

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/logtest"
	"github.com/errkit/errkit/middleware"
)

// TestCommittedReportsSentStatus: behind Set.Wrap, a handler that sent
// its status, then failed (returned an error, or panicked), is reported
// to the metrics hook and the log with the status the client received.
// The error's class still rules the record: a server error after a 2xx is
// logged at error level and never sampled away; a client error after one
// is sampled as a 4xx.
func TestCommittedReportsSentStatus(t *testing.T) {
	var out logtest.Sink
	var got []middleware.Failure
	s := middleware.New(
		middleware.WithLogger(out.Logger()),
		middleware.WithLogSampling(1, 0),
		middleware.WithMetrics(func(f middleware.Failure) { got = append(got, f) }),
	)
	mux := http.NewServeMux()
	mux.Handle("GET /late", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		w.WriteHeader(http.StatusAccepted)
		return errors.New("ledger write failed")
	}))
	mux.Handle("GET /late-panic", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		_, _ = io.WriteString(w, "{}")
		panic("ledger unreachable")
	}))
	mux.Handle("GET /late-404", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		w.WriteHeader(http.StatusOK)
		return apierr.PAY0001
	}))
	h := s.Wrap(mux)
	for _, p := range []string{"/late", "/late", "/late-panic", "/late-404", "/late-404"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p, nil))
	}

	want := []struct {
		status int
		code   string
	}{{202, "GEN9001"}, {202, "GEN9001"}, {200, "GEN9001"}, {200, "PAY0001"}, {200, "PAY0001"}}
	if len(got) != len(want) {
		t.Fatalf("%d failures, want %d", len(got), len(want))
	}
	for i, f := range got {
		if f.Status != want[i].status || f.Code != want[i].code || !f.Committed {
			t.Errorf("failure %d: status %d code %s committed %v, want %d %s true", i, f.Status, f.Code, f.Committed, want[i].status, want[i].code)
		}
	}

	recs, _, err := out.Records()
	if err != nil {
		t.Fatal(err)
	}
	// Both server errors after their 202, the panic after its 200, and
	// the first of the two client errors: one a second for PAY0001.
	wantRecs := []struct {
		status float64
		level  string
	}{{202, "ERROR"}, {202, "ERROR"}, {200, "ERROR"}, {200, "INFO"}}
	if len(recs) != len(wantRecs) {
		t.Fatalf("%d records, want %d: %v", len(recs), len(wantRecs), recs)
	}
	for i, rec := range recs {
		if rec["status"] != wantRecs[i].status || rec["level"] != wantRecs[i].level {
			t.Errorf("record %d: %v, want status %v at %s", i, rec, wantRecs[i].status, wantRecs[i].level)
		}
	}
}

// statusWriter is a door's writer that says which status it sent.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) Status() int { return w.status }

// TestRespondToFindsSentStatus: RespondTo, told only that the response
// was committed, reports the status its writer says was sent, beneath a
// wrapper too; the error's when no writer says.
func TestRespondToFindsSentStatus(t *testing.T) {
	var status []int
	s := middleware.New(
		middleware.WithLogger(slog.New(slog.DiscardHandler)),
		middleware.WithMetrics(func(f middleware.Failure) { status = append(status, f.Status) }),
	)
	r := httptest.NewRequest("GET", "/v2/payouts", nil)
	err := errors.New("ledger write failed")
	sw := &statusWriter{ResponseWriter: httptest.NewRecorder(), status: 201}
	s.RespondTo(sw, r, "/v2/payouts", true, err)
	s.RespondTo(unwrapper{sw}, r, "/v2/payouts", true, err)
	s.RespondTo(httptest.NewRecorder(), r, "/v2/payouts", true, err)
	if want := []int{201, 201, 500}; len(status) != 3 || status[0] != want[0] || status[1] != want[1] || status[2] != want[2] {
		t.Errorf("statuses %v, want %v", status, want)
	}
}

// unwrapper is a writer that wraps another, as compression writers do.
type unwrapper struct{ http.ResponseWriter }

func (u unwrapper) Unwrap() http.ResponseWriter { return u.ResponseWriter }

// TestCommittedBeneathAWrapper: a handler behind Set.Wrap that wraps its
// writer (compression, a router's status recorder) and fails through
// Error after sending its status has nothing written over its response,
// and is reported with the status sent; an error before anything was sent
// is answered through the wrapper, once.
func TestCommittedBeneathAWrapper(t *testing.T) {
	var got []middleware.Failure
	s := middleware.New(
		middleware.WithLogger(slog.New(slog.DiscardHandler)),
		middleware.WithMetrics(func(f middleware.Failure) { got = append(got, f) }),
	)
	h := s.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ww := unwrapper{w}
		if r.URL.Path == "/late" {
			ww.WriteHeader(http.StatusAccepted)
			_, _ = io.WriteString(ww, `{"status":"accepted"}`)
		}
		middleware.Error(ww, r, errors.New("ledger write failed"))
		middleware.Error(ww, r, errors.New("and again"))
	}))
	late := httptest.NewRecorder()
	h.ServeHTTP(late, httptest.NewRequest("GET", "/late", nil))
	if late.Code != http.StatusAccepted || late.Body.String() != `{"status":"accepted"}` {
		t.Errorf("late: %d %s, want the 202 as sent", late.Code, late.Body)
	}
	early := httptest.NewRecorder()
	h.ServeHTTP(early, httptest.NewRequest("GET", "/early", nil))
	if early.Code != http.StatusInternalServerError {
		t.Errorf("early: %d %s, want 500", early.Code, early.Body)
	}
	if len(got) != 2 || got[0].Status != http.StatusAccepted || !got[0].Committed ||
		got[1].Status != http.StatusInternalServerError || got[1].Committed {
		t.Errorf("failures %+v, want a committed 202 and an answered 500, once each", got)
	}
}
