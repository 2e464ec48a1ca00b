package middleware

import (
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
)

func enabledLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(discardWriter{}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type discardWriter struct{}

func (discardWriter) Write(b []byte) (int, error) { return len(b), nil }

// The error path captures a panic's stack only for a consumer: the
// metrics hook or an enabled log record.
func TestStackOnlyForAConsumer(t *testing.T) {
	quiet := WithLogger(slog.New(slog.DiscardHandler))
	metrics := WithMetrics(func(Failure) {})
	for _, tc := range []struct {
		name     string
		opts     []Option
		consumed bool
	}{
		{"no consumer", []Option{quiet}, false},
		{"metrics", []Option{quiet, metrics}, true},
		{"logger", []Option{WithLogger(enabledLogger())}, true},
		{"client level only", []Option{WithLogger(slog.New(slog.NewTextHandler(discardWriter{},
			&slog.HandlerOptions{Level: slog.LevelError + 1}))), WithClientErrorLevel(slog.LevelError + 4)}, true},
	} {
		s := New(tc.opts...)
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		var pe *PanicError
		if !errors.As(s.recovered(r, "boom"), &pe) || pe.Value != "boom" {
			t.Fatalf("%s: recovered %v", tc.name, pe)
		}
		if got := pe.Stack != nil; got != tc.consumed {
			t.Errorf("%s: stack captured %v, want %v", tc.name, got, tc.consumed)
		}
	}
}

// A failure reads its request's metadata once and carries it: the body's
// trace field, the log record and the metrics hook all say the same IDs,
// the request ID read from its X-Request-Id header.
func TestFailureMetadataReadOnce(t *testing.T) {
	var rec strings.Builder
	var got Failure
	s := New(WithContract(nexpaylegacy.Contract),
		WithLogger(slog.New(slog.NewTextHandler(&rec, nil))),
		WithMetrics(func(f Failure) { got = f }))
	r := httptest.NewRequest(http.MethodGet, "/v1/payments", nil)
	r.Header.Set(RequestIDHeader, "req-42")
	r.Header.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	w := httptest.NewRecorder()
	s.RespondTo(w, r, "GET /v1/payments", false, apierr.New(apierr.PAY0001))
	trace := kit.TraceHex("req-42")
	if !strings.Contains(w.Body.String(), trace) {
		t.Errorf("body %s has no trace %s", w.Body, trace)
	}
	for _, want := range []string{"request_id=req-42", "trace_id=" + trace, "w3c_trace_id=4bf92f3577b34da6a3ce929d0e0e4736", "route=\"GET /v1/payments\""} {
		if !strings.Contains(rec.String(), want) {
			t.Errorf("log %q lacks %s", rec.String(), want)
		}
	}
	if got.RequestID != "req-42" || got.Route != "GET /v1/payments" || got.Status != 404 {
		t.Errorf("metrics got %+v", got)
	}
}

// Recovered, which knows no set, always captures the stack.
func TestRecoveredCapturesTheStack(t *testing.T) {
	var pe *PanicError
	if !errors.As(Recovered("boom"), &pe) || len(pe.Stack) == 0 {
		t.Fatalf("no stack: %v", pe)
	}
}
