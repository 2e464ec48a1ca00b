package idempotency

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/apierr/problem"
	"github.com/errkit/errkit/middleware"
)

// A handler behind the middleware that returns its failure (a
// middleware.HandlerFunc) is answered in the enclosing Set's contract,
// whether the request carries a key or not, and whatever contract the
// idempotency middleware itself answers in.
func TestHandlerErrorsInEnclosingContract(t *testing.T) {
	fail := middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apierr.NewCondition(apierr.Validation).WithFields(apierr.FieldError{Field: "amount", Rule: "required", Message: "amount is required"})
	})
	for _, c := range []apierr.Contract{problem.Contract, cryptopay.Contract} {
		for _, pinned := range []apierr.Contract{nil, c} {
			m := mustNew(t, Config{Contract: pinned})
			mux := http.NewServeMux()
			mux.Handle("POST /v2/payments", m.Handler(fail))
			srv := middleware.Wrap(mux, middleware.WithContract(c))
			for _, key := range []string{"", "k-1"} {
				r := httptest.NewRequest(http.MethodPost, "/v2/payments", strings.NewReader(`{}`))
				r.Header.Set("Content-Type", "application/json")
				if key != "" {
					r.Header.Set("Idempotency-Key", key)
				}
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, r)
				want := c.Code(apierr.Validation)
				if w.Code != want.Status() || w.Header().Get("Content-Type") != c.ContentType() {
					t.Errorf("%s (pinned %v), key %q: %d %s %s", c.Name(), pinned != nil, key, w.Code, w.Header().Get("Content-Type"), w.Body)
					continue
				}
				e, err := c.Parse(w.Code, w.Body.Bytes())
				if err != nil || e.ID() != want.ID() {
					t.Errorf("%s (pinned %v), key %q: %v %v\n%s", c.Name(), pinned != nil, key, e, err, w.Body)
				}
			}
		}
	}
}

// With no Set around, the middleware answers in Config.Contract also when
// a middleware.HandlerFunc (which guards its writer with the default
// configuration) encloses it.
func TestNoSetInsideHandlerFunc(t *testing.T) {
	m := mustNew(t, Config{Contract: problem.Contract})
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusCreated) })
	outer := middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		if middleware.SetOf(w) != nil {
			t.Error("SetOf: a set, with none around")
		}
		m.Handler(ok).ServeHTTP(w, r)
		return nil
	})
	r := httptest.NewRequest(http.MethodPost, "/v2/payments", strings.NewReader(`{}`))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Idempotency-Key", "bad key \x01")
	w := httptest.NewRecorder()
	outer.ServeHTTP(w, r)
	want := problem.Contract.Code(apierr.BadRequest)
	if w.Code != want.Status() || w.Header().Get("Content-Type") != problem.Contract.ContentType() {
		t.Fatalf("%d %s %s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
}
