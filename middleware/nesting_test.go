package middleware_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/middleware"
)

// A subtree wrapped in its own set answers in its own contract, also
// when the outer mux is wrapped too; the outer set answers elsewhere.
func TestNestedSets(t *testing.T) {
	quiet := middleware.WithLogger(slog.New(slog.DiscardHandler))
	legacy := middleware.New(middleware.WithContract(nexpaylegacy.Contract), quiet)
	inner := http.NewServeMux()
	inner.Handle("GET /legacy/forbidden", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apierr.NewCondition(apierr.Forbidden)
	}))
	inner.HandleFunc("GET /legacy/panic", func(w http.ResponseWriter, r *http.Request) { panic("boom") })
	inner.HandleFunc("GET /legacy/plain", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "x", 500) })
	outer := http.NewServeMux()
	outer.Handle("/legacy/", legacy.Wrap(inner))
	outer.Handle("/pieces/", http.StripPrefix("/pieces", legacy.Recover(legacy.PlainErrors(inner))))
	outer.Handle("GET /v2/forbidden", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apierr.NewCondition(apierr.Forbidden)
	}))
	h := middleware.Wrap(outer, quiet)
	const legacyBody, nexpayBody = `{"errors":[{"code":`, `{"statusCode":`
	for _, tc := range []struct {
		path   string
		status int
		prefix string
	}{
		{"/legacy/forbidden", 403, legacyBody},
		{"/legacy/nope", 404, legacyBody},
		{"/legacy/panic", 500, legacyBody},
		{"/legacy/plain", 500, legacyBody},
		{"/pieces/legacy/forbidden", 403, legacyBody},
		{"/pieces/legacy/nope", 404, legacyBody},
		{"/pieces/legacy/panic", 500, legacyBody},
		{"/v2/forbidden", 403, nexpayBody},
		{"/v2/nope", 404, nexpayBody},
	} {
		// Twice: the outer set must have its writer back after the inner one.
		for range 2 {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", tc.path, nil))
			if rec.Code != tc.status || !strings.HasPrefix(rec.Body.String(), tc.prefix) {
				t.Errorf("%s: %d %s, want %d %s...", tc.path, rec.Code, rec.Body, tc.status, tc.prefix)
			}
		}
	}
}
