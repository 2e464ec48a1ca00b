package middleware_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/errkit/errkit/middleware"
	"github.com/go-chi/chi/v5"
)

// The chi recipe of docs/middleware.md, the set's pieces given to r.Use,
// answers targets that are not clean in the contract before chi routes
// them: "/v2/payments/%2e%2e" never reaches the handler as the id "..".
func TestChiRecipeCleansTargets(t *testing.T) {
	page, err := os.ReadFile("../docs/middleware.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("`r\\.Use\\(([^)]*)\\)`").FindSubmatch(page)
	if m == nil {
		t.Fatal("docs/middleware.md shows no chi recipe")
	}
	s := middleware.New(middleware.WithLogger(slog.New(slog.DiscardHandler)))
	pieces := map[string]func(http.Handler) http.Handler{
		"s.RequestID": s.RequestID, "s.Recover": s.Recover, "s.CleanTargets": s.CleanTargets,
		"s.Maintenance": s.Maintenance, "s.RateLimit": s.RateLimit, "s.PlainErrors": s.PlainErrors,
	}
	r := chi.NewRouter()
	for _, name := range strings.Split(string(m[1]), ",") {
		f, ok := pieces[strings.TrimSpace(name)]
		if !ok {
			t.Fatalf("the recipe names %q", name)
		}
		r.Use(f)
	}
	reached := ""
	r.Get("/v2/payments/{id}", func(w http.ResponseWriter, r *http.Request) { reached = chi.URLParam(r, "id") })
	for _, target := range []string{"/v2/payments/%2e%2e", "/v2/payments/.", "//v2/payments/1", "/v2/x/../payments/1"} {
		reached = ""
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		if rec.Code != 404 || !strings.Contains(rec.Body.String(), `"reason":"path_not_clean"`) || reached != "" {
			t.Errorf("%s: %d %s (handler saw id %q)", target, rec.Code, rec.Body, reached)
		}
	}
}
