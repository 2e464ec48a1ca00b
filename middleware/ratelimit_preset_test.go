package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/middleware"
)

// Cryptopay's document: 200 requests per minute per api_key, the key
// being the one its "Authorization: HMAC <api_key>:<signature>" header
// carries.
func TestCryptopayRateLimit(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	srv := middleware.Wrap(ok, middleware.WithContract(cryptopay.Contract), middleware.CryptopayRateLimit())
	send := func(key, ip string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, "/api/invoices", nil)
		r.RemoteAddr = ip + ":4711"
		r.Header.Set("Authorization", "HMAC "+key+":c2lnbmF0dXJl")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		return w
	}
	for i := range middleware.CryptopayRequestsPerMinute {
		if w := send("D9xTGq4HsZ", "198.51.100.1"); w.Code != http.StatusOK {
			t.Fatalf("request %d: %d %s", i+1, w.Code, w.Body)
		}
	}
	w := send("D9xTGq4HsZ", "198.51.100.1")
	e, err := cryptopay.Contract.Parse(w.Code, w.Body.Bytes())
	if w.Code != http.StatusTooManyRequests || err != nil || e.Code() != cryptopay.RateLimitExceeded || w.Header().Get("Retry-After") == "" {
		t.Errorf("request 201: %d %v %s", w.Code, w.Header(), w.Body)
	}
	// Another key has a budget of its own.
	if w := send("Xk2PqLm0Za", "198.51.100.2"); w.Code != http.StatusOK {
		t.Errorf("another key: %d %s", w.Code, w.Body)
	}
	for _, tc := range []struct{ header, want string }{
		{"HMAC D9xTGq4HsZ:c2ln", "D9xTGq4HsZ"},
		{"hmac  D9xTGq4HsZ:c2ln", "D9xTGq4HsZ"},
		{"HMAC D9xTGq4HsZ", "192.0.2.1"},
		{"HMAC :c2ln", "192.0.2.1"},
		{"Bearer D9xTGq4HsZ:c2ln", "192.0.2.1"},
		{"", "192.0.2.1"},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = "192.0.2.1:1"
		if tc.header != "" {
			r.Header.Set("Authorization", tc.header)
		}
		if got := middleware.CryptopayRateKey(r); got != tc.want {
			t.Errorf("%q: key %q, want %q", tc.header, got, tc.want)
		}
	}
}
