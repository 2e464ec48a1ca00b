package middleware

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// countingCtx counts the context lookups made through it: the request ID
// is read from the context first.
type countingCtx struct {
	context.Context
	n *int
}

func (c countingCtx) Value(k any) any { *c.n++; return c.Context.Value(k) }

func enabledLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(discardWriter{}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type discardWriter struct{}

func (discardWriter) Write(b []byte) (int, error) { return len(b), nil }

// The error path looks the request ID up and captures a panic's stack only
// for a consumer: the metrics hook or an enabled log record.
func TestErrorPathWorksOnlyForAConsumer(t *testing.T) {
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
		n := 0
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set(RequestIDHeader, "0123456789abcdef0123456789abcdef")
		r = r.WithContext(countingCtx{r.Context(), &n})
		s.report(r, "", apierr.New(apierr.PAY0001), nil, false)
		if looked := n > 0; looked != tc.consumed {
			t.Errorf("%s: request ID looked up %v, want %v", tc.name, looked, tc.consumed)
		}
		var pe *PanicError
		if !errors.As(s.recovered(r, "boom"), &pe) || pe.Value != "boom" {
			t.Fatalf("%s: recovered %v", tc.name, pe)
		}
		if got := pe.Stack != nil; got != tc.consumed {
			t.Errorf("%s: stack captured %v, want %v", tc.name, got, tc.consumed)
		}
	}
}

// Recovered, which knows no set, always captures the stack.
func TestRecoveredCapturesTheStack(t *testing.T) {
	var pe *PanicError
	if !errors.As(Recovered("boom"), &pe) || len(pe.Stack) == 0 {
		t.Fatalf("no stack: %v", pe)
	}
}
