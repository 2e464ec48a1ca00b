package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestRoutes(t *testing.T) {
	tests := []struct {
		path, auth string
		status     int
		body       string
	}{
		{"/health", "", 200, `{"status":"ok","maintenance":false}` + "\n"},
		{"/v2/payments/pay_missing", apiKey, 404, `{"message":"Payment not found"}` + "\n"},
		{"/v2/payments/pay_missing", "", 401, `{"message":"Unauthorized"}` + "\n"},
		{"/nope", "", 404, `{"message":"Not Found"}` + "\n"},
	}
	e := newServer()
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodGet, tt.path, nil)
		if tt.auth != "" {
			r.Header.Set("Authorization", tt.auth)
		}
		w := httptest.NewRecorder()
		e.ServeHTTP(w, r)
		if w.Code != tt.status || w.Body.String() != tt.body {
			t.Errorf("GET %s: %d %q, want %d %q", tt.path, w.Code, w.Body, tt.status, tt.body)
		}
	}
}
