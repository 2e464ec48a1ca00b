package idempotency_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/idempotency"
)

func post(h http.Handler, key, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/v2/payments", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "ApiKey pk_test_1")
	r.Header.Set("Idempotency-Key", key)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func ExampleNew() {
	restore := apierr.SetClock(func() time.Time { return time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC) })
	defer restore()

	runs := 0
	create := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		runs++
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Location", "/v2/payments/pay_1")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"id":"pay_1","amount":"10.00"}`)
	})
	mw, err := idempotency.New(idempotency.Config{})
	if err != nil {
		panic(err)
	}
	h := mw.Handler(create)

	w := post(h, "7f1e4a53", `{"amount":"10.00"}`)
	fmt.Println(w.Code, w.Body)
	// A retry, whitespace and all, gets the same response back.
	w = post(h, "7f1e4a53", `{ "amount": "10.00" }`)
	fmt.Println(w.Code, w.Header().Get("Idempotent-Replayed"), w.Body)
	// The same key with another body is refused.
	w = post(h, "7f1e4a53", `{"amount":"99.00"}`)
	fmt.Println(w.Code, w.Body)
	fmt.Println("handler runs:", runs)
	// Output:
	// 201 {"id":"pay_1","amount":"10.00"}
	// 201 true {"id":"pay_1","amount":"10.00"}
	// 422 {"statusCode":422,"code":"[GEN9422]","message":"[GEN9422] Idempotency key reused with a different request body","timestamp":"2026-01-15T10:30:00.000Z"}
	// handler runs: 1
}

// The Payout API answers a repeated create with 200; NextAPI reads its key
// from X-Idempotency-Key.
func ExampleConfig() {
	mw, err := idempotency.New(idempotency.Config{
		Header:       "X-Idempotency-Key",
		ReplayStatus: http.StatusOK,
		Wait:         2 * time.Second, // a retry racing the first request waits for it
		Scope: func(r *http.Request) string {
			id, _, _ := r.BasicAuth() // the client ID, not its secret
			return id
		},
	})
	fmt.Println(mw != nil, err)
	// Output: true <nil>
}

func ExampleNewMemoryStore() {
	store := idempotency.NewMemoryStore(idempotency.MemoryConfig{MaxBytes: 8 << 20})
	mw, _ := idempotency.New(idempotency.Config{Store: store, TTL: time.Hour})
	h := mw.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	}))
	post(h, "a", `{}`)
	post(h, "b", `{}`)
	fmt.Println(store.Len(), "keys")
	// Output: 2 keys
}

func ExampleValidKey() {
	fmt.Println(idempotency.ValidKey("0b6c3e0e-7f1e-4a53-9a43-2f0d5f1c2b7e"))
	fmt.Println(idempotency.ValidKey("order 42"))
	// Output:
	// true
	// false
}

func ExampleMiddleware_Serve() {
	mw, _ := idempotency.New(idempotency.Config{})
	// A router's door runs its handler and its error handler inside next,
	// so that error responses are stored too.
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mw.Serve(w, r, func(w http.ResponseWriter, r *http.Request) {
			apierr.Render(w, r, apierr.Nexpay, apierr.New(apierr.PAY0002))
		})
	})
	first := post(h, "k", `{}`)
	again := post(h, "k", `{}`)
	fmt.Println(first.Code, again.Code, again.Header().Get(idempotency.ReplayHeader), first.Body.String() == again.Body.String())
	// Output: 422 422 true true
}

// A Store for a fleet implements the same three operations; this one
// counts claims before handing them to a MemoryStore.
type countingStore struct {
	idempotency.Store
	claims int
}

func (s *countingStore) Claim(ctx context.Context, key string, fp idempotency.Fingerprint) (*idempotency.Record, bool, error) {
	s.claims++
	return s.Store.Claim(ctx, key, fp)
}

func ExampleStore() {
	store := &countingStore{Store: idempotency.NewMemoryStore(idempotency.MemoryConfig{})}
	mw, _ := idempotency.New(idempotency.Config{Store: store})
	h := mw.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	post(h, "k", `{}`)
	post(h, "k", `{}`)
	fmt.Println(store.claims, "claims")
	// Output: 2 claims
}

func ExampleMiddleware_Handler() {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v2/payments", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	})
	mw, _ := idempotency.New(idempotency.Config{})
	h := mw.Handler(mux)
	fmt.Println(post(h, "k", `{}`).Code, post(h, "k", `{}`).Header().Get(idempotency.ReplayHeader))
	// Output: 201 true
}

func ExampleMiddleware_Covers() {
	mw, _ := idempotency.New(idempotency.Config{})
	get := httptest.NewRequest(http.MethodGet, "/v2/payments", nil)
	get.Header.Set("Idempotency-Key", "k")
	create := httptest.NewRequest(http.MethodPost, "/v2/payments", nil)
	fmt.Println(mw.Covers(get), mw.Covers(create))
	create.Header.Set("Idempotency-Key", "k")
	fmt.Println(mw.Covers(create))
	// Output:
	// false false
	// true
}

// A door that answers errors itself takes the middleware's failures back
// from ServeError: here a key reused with another body.
func ExampleMiddleware_ServeError() {
	mw, _ := idempotency.New(idempotency.Config{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := mw.ServeError(w, r, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusCreated) })
		if ce, ok := errors.AsType[*apierr.ConditionError](err); ok {
			fmt.Println("failure:", ce.Condition)
			w.WriteHeader(apierr.Nexpay.Code(ce.Condition).Status())
		}
	})
	fmt.Println(post(h, "k", `{"amount":"1.00"}`).Code)
	fmt.Println(post(h, "k", `{"amount":"2.00"}`).Code)
	// Output:
	// 201
	// failure: idempotency_mismatch
	// 422
}

// Without Config.Contract, the middleware's failures are answered by the
// errkit middleware around it, in its contract: NextAPI here.
func ExampleConfig_enclosingContract() {
	mw, _ := idempotency.New(idempotency.Config{Header: "X-Idempotency-Key"})
	created := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusCreated) })
	h := middleware.Wrap(mw.Handler(created), middleware.WithContract(nextapi.Contract),
		middleware.WithLogger(slog.New(slog.DiscardHandler)))
	for _, body := range []string{`{"amount":"1.00"}`, `{"amount":"2.00"}`} {
		r := httptest.NewRequest(http.MethodPost, "/v2/payouts", strings.NewReader(body))
		r.Header.Set("X-Idempotency-Key", "po-1")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(w.Code)
		if w.Code >= 400 {
			fmt.Println(w.Body)
		}
	}
	// Output:
	// 201
	// 409
	// {"error":{"code":"IDEMPOTENCY_CONFLICT","message":"Same idempotency key used with different parameters"}}
}

func ExamplePreset() {
	m, err := idempotency.New(idempotency.Preset(nextapi.Contract))
	if err != nil {
		panic(err)
	}
	create := m.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"id":"po_1"}`)
	}))
	h := middleware.Wrap(create, middleware.WithContract(nextapi.Contract), middleware.WithLogger(slog.New(slog.DiscardHandler)))
	for _, amount := range []string{"1.00", "1.00", "2.00"} {
		r := httptest.NewRequest(http.MethodPost, "/v2/payouts", strings.NewReader(`{"amount":"`+amount+`"}`))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("X-Idempotency-Key", "po-2026-0001")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(w.Code, w.Body)
	}
	// Output:
	// 201 {"id":"po_1"}
	// 201 {"id":"po_1"}
	// 409 {"error":{"code":"IDEMPOTENCY_CONFLICT","message":"Same idempotency key used with different parameters"}}
}
