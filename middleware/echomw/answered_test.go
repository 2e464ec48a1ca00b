package echomw_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echomw"
	"github.com/labstack/echo/v4"
)

// The error handler answers once, called twice or not, marking the request
// in echo's per-request store; a response committed before it runs is
// logged once.
func TestErrorHandlerAnswersOnce(t *testing.T) {
	e := echo.New()
	for _, tc := range []struct {
		name      string
		committed bool // the handler wrote before failing
		store     bool // the context store is used
	}{
		{"written by the set", false, true},
		{"committed before", true, true},
	} {
		var h records
		var failures int
		s := echomw.New(middleware.WithLogger(slog.New(&h)),
			middleware.WithMetrics(func(middleware.Failure) { failures++ }))
		rec := httptest.NewRecorder()
		c := e.NewContext(httptest.NewRequest("GET", "/x", nil), rec)
		if tc.committed {
			c.Response().WriteHeader(200)
			_, _ = io.WriteString(c.Response(), "partial")
		}
		for range 3 {
			s.ErrorHandler(apierr.New(apierr.PAY0001), c)
		}
		if failures != 1 || len(h.recs) != 1 {
			t.Errorf("%s: %d failures, %d records", tc.name, failures, len(h.recs))
		}
		if got := c.Get("errkit.answered") != nil; got != tc.store {
			t.Errorf("%s: store used %v, want %v", tc.name, got, tc.store)
		}
		want := 404
		if tc.committed {
			want = 200
		}
		if rec.Code != want || rec.Header().Get("Content-Type") == "" && !tc.committed {
			t.Errorf("%s: %d %q", tc.name, rec.Code, rec.Header())
		}
	}
}

// A Set made without New still answers once.
func TestErrorHandlerAnswersOnceWithoutNew(t *testing.T) {
	s := &echomw.Set{Set: middleware.New(quiet(), middleware.WithClassifier(echomw.Classify))}
	rec := httptest.NewRecorder()
	c := echo.New().NewContext(httptest.NewRequest("GET", "/x", nil), rec)
	s.ErrorHandler(apierr.New(apierr.PAY0001), c)
	n := rec.Body.Len()
	s.ErrorHandler(apierr.New(apierr.PAY0002), c)
	if rec.Code != 404 || n == 0 || rec.Body.Len() != n {
		t.Errorf("%d, body %d then %d bytes", rec.Code, n, rec.Body.Len())
	}
}
