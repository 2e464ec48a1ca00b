package idempotency

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzServe sends arbitrary keys and bodies, each twice: the answer is the
// handler's or a complete error of the contract, never a 5xx, and the
// second answer is a replay whenever the first ran the handler.
func FuzzServe(f *testing.F) {
	f.Add("k", `{"amount":"1.00"}`, "application/json")
	f.Add("", `{}`, "application/json")
	f.Add("a b", `x`, "text/plain")
	f.Add(strings.Repeat("k", 300), `{"external_id":"e"}`, "application/json")
	f.Add("ok", `{"external_id":7}`, "application/merge-patch+json")
	srv := mustNew(f, Config{BodyKey: "external_id", MaxBody: 1 << 10}).Handler(&createPayment{})
	f.Fuzz(func(t *testing.T, key, body, ct string) {
		var first *httptest.ResponseRecorder
		for i := range 2 {
			r := httptest.NewRequest(http.MethodPost, "/v2/payments", strings.NewReader(body))
			r.Header["Idempotency-Key"] = []string{key}
			r.Header["Content-Type"] = []string{ct}
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, r)
			if w.Code >= 500 {
				t.Fatalf("%d %s", w.Code, w.Body)
			}
			if w.Code != http.StatusCreated && !json.Valid(w.Body.Bytes()) {
				t.Fatalf("%d: invalid body %q", w.Code, w.Body)
			}
			if i == 0 {
				first = w
			} else if first.Code == http.StatusCreated && (w.Body.String() != first.Body.String() || w.Header().Get(ReplayHeader) != "true") {
				t.Fatalf("not replayed: %d %s after %s", w.Code, w.Body, first.Body)
			}
		}
	})
}
