package middleware_test

import (
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/errkit/errkit/middleware"
)

// Under PlainErrors the writer holds a plain error answer back: the
// handler sees its response committed, nothing reaches the client until
// it returns, and the set then answers in the contract; what the handler
// does after the plain answer (more writes, another status, a flush, an
// error of its own) changes nothing.
func TestWriterHoldsPlainAnswers(t *testing.T) {
	var logs strings.Builder
	s := middleware.New(middleware.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	rec := httptest.NewRecorder()
	h := s.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "disk /var/db full", http.StatusInternalServerError)
		if !middleware.Committed(w) {
			t.Error("not committed after http.Error")
		}
		w.WriteHeader(http.StatusTeapot)
		_, _ = w.Write([]byte("more"))
		http.NewResponseController(w).Flush()
		if rec.Flushed || rec.Body.Len() > 0 {
			t.Error("the plain answer reached the client before the handler returned")
		}
		middleware.Error(w, r, errors.New("second failure"))
	}))
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/x", nil))
	body := rec.Body.String()
	if rec.Code != 500 || !strings.HasPrefix(body, `{"statusCode":500,"code":"[GEN9001]"`) ||
		strings.Contains(body, "disk") || strings.Contains(body, "more") ||
		!strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Errorf("%d %s %v", rec.Code, body, rec.Header())
	}
	if !strings.Contains(logs.String(), "error after the response was answered") || !strings.Contains(logs.String(), "second failure") {
		t.Errorf("second failure not logged as dropped: %s", logs.String())
	}
}

// A handler that panics after a plain answer gets the plain answer in the
// contract; the panic is logged.
func TestWriterHeldAnswerThenPanic(t *testing.T) {
	h := middleware.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.NotFound(w, r)
		panic("boom")
	}), middleware.WithLogger(slog.New(slog.DiscardHandler)))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/x", nil))
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), `"code":"[GEN9404]"`) {
		t.Errorf("%d %s", rec.Code, rec.Body)
	}
}
