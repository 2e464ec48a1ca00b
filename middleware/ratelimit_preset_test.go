package middleware_test

import (
	"log/slog"
	"time"

	"golang.org/x/time/rate"
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
		{"HMAC D9xTGq4HsZ:c2ln", "key:D9xTGq4HsZ"},
		{"hmac  D9xTGq4HsZ:c2ln", "key:D9xTGq4HsZ"},
		{"HMAC 192.0.2.1:c2ln", "key:192.0.2.1"},
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

// A key and an address never share a bucket: a client that names another
// client's IP address as its api_key (or X-API-Key) spends a bucket of its
// own, and the owner of the address keeps its budget.
func TestRateKeysApartFromAddresses(t *testing.T) {
	for _, tc := range []struct {
		name   string
		opts   []middleware.Option
		header string
		limit  int
	}{
		{"cryptopay", []middleware.Option{middleware.WithContract(cryptopay.Contract), middleware.CryptopayRateLimit()},
			"Authorization", middleware.CryptopayRequestsPerMinute},
		{"default", []middleware.Option{middleware.WithRateLimit(middleware.NewTokenBucket(rate.Every(time.Hour), 3, 0))},
			"X-Api-Key", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := middleware.Wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}),
				append(tc.opts, middleware.WithLogger(slog.New(slog.DiscardHandler)))...)
			send := func(from, key string) int {
				r := httptest.NewRequest(http.MethodGet, "/api/invoices", nil)
				r.RemoteAddr = from + ":4711"
				switch {
				case key == "":
				case tc.header == "Authorization":
					r.Header.Set("Authorization", "HMAC "+key+":c2lnbmF0dXJl")
				default:
					r.Header.Set(tc.header, key)
				}
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, r)
				return w.Code
			}
			// The attacker, at 203.0.113.5, names the victim's address
			// until it is refused; the victim is served right after.
			for range 3 {
				for i := 0; send("203.0.113.5", "198.51.100.7") != http.StatusTooManyRequests; i++ {
					if i > 2*tc.limit {
						t.Fatal("the attacker is never limited")
					}
				}
				if code := send("198.51.100.7", ""); code != http.StatusOK {
					t.Fatalf("the address named as a key lost its budget: %d", code)
				}
			}
		})
	}
}
