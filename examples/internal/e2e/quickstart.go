package e2e

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// QuickStart checks the quick start of a door (examples/quickstart), in
// memory: its two routes and the router's answers are in the contract.
func QuickStart(t *testing.T, h http.Handler) {
	t.Helper()
	for _, tc := range []struct {
		method, target, body string
		status               int
		code                 string
		fields               []string
		allow                string
	}{
		{"GET", "/v2/payments/42", "", 404, "[PAY0001]", nil, ""},
		{"POST", "/v2/payments", `{"amount":"1.001","currency":"EURO"}`, 400, "[GEN9002]", []string{"amount", "currency"}, ""},
		{"POST", "/v2/payments", `{"amount":"1.00","currency":"EUR"}`, 201, "", nil, ""},
		{"POST", "/v2/payments", `{"amount":`, 400, "[GEN9002]", nil, ""},
		{"GET", "/v2/nothing", "", 404, "[GEN9404]", nil, ""},
		{"DELETE", "/v2/payments", "", 405, "[GEN9405]", nil, "POST"},
		// Targets that are not clean: answered in the contract, never
		// redirected (no Location), before routing.
		{"GET", "//v2//payments/42", "", 404, "[GEN9404]", nil, ""},
		{"POST", "/v2/payments/../quotes", `{"amount":"1.00","currency":"EUR"}`, 404, "[GEN9404]", nil, ""},
		{"GET", "/v2/payments/./42", "", 404, "[GEN9404]", nil, ""},
		{"GET", "/v2/payments/%2e%2e", "", 404, "[GEN9404]", nil, ""}, // not PAY0001 for the id ".."
		{"PUT", "*", "", 404, "[GEN9404]", nil, ""},
	} {
		req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var b struct {
			Code    string
			Details struct{ Fields []struct{ Field string } }
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &b)
		var fields []string
		for _, f := range b.Details.Fields {
			fields = append(fields, f.Field)
		}
		clean := !strings.Contains(tc.target, "//") && !strings.Contains(tc.target, "/.") && !strings.Contains(tc.target, "%2e") && tc.target != "*"
		if rec.Code != tc.status || b.Code != tc.code || !slices.Equal(fields, tc.fields) ||
			!strings.Contains(rec.Header().Get("Allow"), tc.allow) || rec.Header().Get("X-Request-Id") == "" ||
			rec.Header().Get("Location") != "" || !clean && !strings.Contains(rec.Body.String(), `"reason":"`) {
			t.Errorf("%s %s: %d %v %s", tc.method, tc.target, rec.Code, rec.Header(), rec.Body)
		}
	}
}
