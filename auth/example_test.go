package auth_test

import (
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/apierr/payout"
	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/middleware"
)

// The Nexpay legacy scheme: X-API-KEY, X-NONCE and the hex HMAC-SHA512 of
// nonce + method + URI + body in X-Signature, failures in the legacy
// contract's 403 codes.
func Example() {
	quiet := slog.New(slog.DiscardHandler)
	v, err := auth.New(auth.Config{
		Headers: auth.NonceHeaders(),
		Lookup:  auth.StaticKeys(map[string]string{"pk_1": "sk_1"}),
		Hash:    sha512.New,
		Nonces:  new(auth.MemoryNonces),
	})
	if err != nil {
		panic(err)
	}
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "hello ", auth.KeyFrom(r.Context()))
	})
	h := middleware.Wrap(v.Handler(api), middleware.WithContract(nexpaylegacy.Contract), middleware.WithLogger(quiet))

	send := func(nonce string) {
		r := httptest.NewRequest("GET", "/api/v1/balance", nil)
		r.Header.Set("X-API-KEY", "pk_1")
		r.Header.Set("X-NONCE", nonce)
		r.Header.Set("X-Signature", auth.Sign(sha512.New, []byte("sk_1"), []byte(nonce+"GET/api/v1/balance")))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Print(w.Code, " ", strings.SplitAfter(w.Body.String(), "}]")[0], "\n")
	}
	send("1")
	send("1")
	// Output:
	// 200 hello pk_1
	// 403 {"errors":[{"code":50,"message":"Nonce is not monotonous"}]
}

// The Payout scheme: X-API-Key, X-Timestamp and the hex HMAC-SHA256 of
// timestamp + body.
func ExampleNew() {
	clock := func() time.Time { return time.Unix(1767225600, 0) }
	v, err := auth.New(auth.Config{
		Lookup:    auth.StaticKeys(map[string]string{"pk_1": "sk_1"}),
		Canonical: auth.TimestampBody,
		Window:    60 * time.Second,
		Now:       clock,
	})
	if err != nil {
		panic(err)
	}
	h := middleware.Wrap(v.Handler(http.NotFoundHandler()), middleware.WithContract(payout.Contract), middleware.WithLogger(slog.New(slog.DiscardHandler)))
	r := httptest.NewRequest("POST", "/payouts", strings.NewReader(`{"amount":"5.00"}`))
	r.Header.Set("X-API-Key", "pk_1")
	r.Header.Set("X-Timestamp", "1767225000")
	r.Header.Set("X-Signature", auth.Sign(sha256.New, []byte("sk_1"), []byte(`1767225000{"amount":"5.00"}`)))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Body)
	// Output: 401 {"message":"Timestamp window exceeded","code":"unauthorized","error":{"code":"unauthorized","message":"Timestamp window exceeded"}}
}

func ExampleBasic() {
	b := auth.Basic{Lookup: auth.StaticKeys(map[string]string{"client_1": "secret_1"})}
	r := httptest.NewRequest("GET", "/v2/accounts", nil)
	r.SetBasicAuth("client_1", "secret_1")
	rr, err := b.Verify(r)
	fmt.Println(auth.KeyFrom(rr.Context()), err)
	r.SetBasicAuth("client_1", "guess")
	_, err = b.Verify(r)
	fmt.Println(err)
	// Output:
	// client_1 <nil>
	// unauthorized (secret_invalid)
}

func ExampleMiddleware() {
	b := auth.Basic{Lookup: auth.StaticKeys(map[string]string{"client_1": "secret_1"})}
	h := middleware.Wrap(auth.Middleware(b)(http.NotFoundHandler()), middleware.WithLogger(slog.New(slog.DiscardHandler)))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/v2/accounts", nil))
	fmt.Println(w.Code, strings.Split(w.Body.String(), `,"timestamp"`)[0])
	// Output: 401 {"statusCode":401,"code":"[GEN9003]","message":"[GEN9003] Unauthorized"
}

func ExampleSign() {
	fmt.Println(auth.Sign(sha256.New, []byte("sk_test_sandbox"), []byte(`1767225600{"amount":"5.00"}`)))
	// Output: 39c5c6be17304b20606849f09e04a0176e0914e98cbb291c96e1198a61d5df4e
}

func ExampleDefaultCanonical() {
	m := &auth.Message{Method: "POST", URI: "/v2/payments?dry=1", Timestamp: "1767225600", Body: []byte(`{"amount":"5.00"}`)}
	fmt.Printf("%s\n", auth.DefaultCanonical(nil, m))
	fmt.Printf("%s\n", auth.TimestampBody(nil, m))
	// Output:
	// 1767225600POST/v2/payments?dry=1{"amount":"5.00"}
	// 1767225600{"amount":"5.00"}
}

func ExampleParseNonce() {
	for _, s := range []string{"1712000000001", "0", "9007199254740992", "12ab"} {
		n, ok := auth.ParseNonce(s)
		fmt.Println(n, ok)
	}
	// Output:
	// 1712000000001 true
	// 0 false
	// 0 false
	// 0 false
}

func ExampleMemoryNonces() {
	var s auth.MemoryNonces
	for _, n := range []uint64{5, 5, 4, 6} {
		ok, _ := s.Advance(context.Background(), "pk_1", n)
		fmt.Println(n, ok)
	}
	// Output:
	// 5 true
	// 5 false
	// 4 false
	// 6 true
}

// Verify is the door-neutral check: another framework's middleware calls
// it and hands its error to the framework's error handler.
func ExampleVerifier_Verify() {
	v, err := auth.New(auth.Config{
		Lookup: auth.StaticKeys(map[string]string{"pk_1": "sk_1"}),
		Now:    func() time.Time { return time.Unix(1767225600, 0) },
	})
	if err != nil {
		panic(err)
	}
	r := httptest.NewRequest("GET", "/v2/payments?limit=10", nil)
	r.Header.Set("X-API-Key", "pk_1")
	r.Header.Set("X-Timestamp", "1767225600")
	r.Header.Set("X-Signature", auth.Sign(sha256.New, []byte("sk_1"), []byte("1767225600GET/v2/payments?limit=10")))
	rr, err := v.Verify(r)
	fmt.Println(auth.KeyFrom(rr.Context()), err)
	r.Header.Set("X-Timestamp", "1767225601")
	_, err = v.Verify(r)
	fmt.Println(err)
	// Output:
	// pk_1 <nil>
	// unauthorized (signature_invalid)
}

func ExampleParseBasic() {
	key, secret, ok := auth.ParseBasic("Basic Y2xpZW50XzE6c2VjcmV0XzE=")
	fmt.Println(key, secret, ok)
	_, _, ok = auth.ParseBasic("Bearer Y2xpZW50XzE6c2VjcmV0XzE=")
	fmt.Println(ok)
	// Output:
	// client_1 secret_1 true
	// false
}

func ExampleParseTimestamp() {
	for _, s := range []string{"1767225600", "1767225600.5", "-1"} {
		fmt.Println(auth.ParseTimestamp(s))
	}
	// Output:
	// 1767225600 true
	// 0 false
	// 0 false
}

func ExampleValidKeyID() {
	fmt.Println(auth.ValidKeyID("pk_live_42"), auth.ValidKeyID("pk live"), auth.ValidKeyID(""))
	// Output: true false false
}

// A key allowed to read balances only: calling any other method is the
// legacy API's 80 "No permissions", answered once the signature holds.
func ExampleAllowOperations() {
	keys := func(_ context.Context, id string) (auth.Key, error) {
		if id != "pk_read" {
			return auth.Key{}, auth.ErrUnknownKey
		}
		return auth.Key{Secret: []byte("sk_read"), Allows: auth.AllowOperations("GET /api/v1/balance", "GET /api/v1/orders/*")}, nil
	}
	v, err := auth.New(auth.Config{Headers: auth.NonceHeaders(), Lookup: keys, Hash: sha512.New, Nonces: new(auth.MemoryNonces)})
	if err != nil {
		panic(err)
	}
	h := middleware.Wrap(v.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") })),
		middleware.WithContract(nexpaylegacy.Contract), middleware.WithLogger(slog.New(slog.DiscardHandler)))
	send := func(method, uri, nonce string) {
		r := httptest.NewRequest(method, uri, nil)
		r.Header.Set("X-API-KEY", "pk_read")
		r.Header.Set("X-NONCE", nonce)
		r.Header.Set("X-Signature", auth.Sign(sha512.New, []byte("sk_read"), []byte(nonce+method+uri)))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Print(w.Code, " ", strings.SplitAfter(w.Body.String(), "}]")[0], "\n")
	}
	send("GET", "/api/v1/orders/42", "1")
	send("POST", "/api/v1/withdrawals", "2")
	// Output:
	// 200 ok
	// 403 {"errors":[{"code":80,"message":"No permissions"}]
}
