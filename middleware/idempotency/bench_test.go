package idempotency

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// discard is a ResponseWriter that keeps nothing, reused between runs.
type discard struct {
	h    http.Header
	code int
}

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) WriteHeader(code int)        { d.code = code }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }

type paymentRequest struct {
	Amount    string            `json:"amount"`
	Currency  string            `json:"currency"`
	PayeeID   string            `json:"payeeId"`
	Reference string            `json:"reference"`
	Metadata  map[string]string `json:"metadata"`
}

type payment struct {
	ID        string            `json:"id"`
	Status    string            `json:"status"`
	Amount    string            `json:"amount"`
	Currency  string            `json:"currency"`
	PayeeID   string            `json:"payeeId"`
	Reference string            `json:"reference"`
	Metadata  map[string]string `json:"metadata"`
	CreatedAt time.Time         `json:"createdAt"`
	Links     map[string]string `json:"_links"`
}

var paymentBody = []byte(`{"amount":"1250.00","currency":"EUR","payeeId":"pye_01HZX3","reference":"invoice 2026-0042","metadata":{"order":"ord_778","channel":"web"}}`)

// createPaymentJSON is a realistic create endpoint without its database:
// decode and check the request, build the payment, encode it.
var createPaymentJSON = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	var in paymentRequest
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Amount == "" {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	p := payment{
		ID: "pay_01HZX3V8K2", Status: "pending", Amount: in.Amount, Currency: in.Currency,
		PayeeID: in.PayeeID, Reference: in.Reference, Metadata: in.Metadata, CreatedAt: epoch,
		Links: map[string]string{"self": "/v2/payments/pay_01HZX3V8K2"},
	}
	b, _ := json.Marshal(p)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Location", "/v2/payments/"+p.ID)
	w.WriteHeader(http.StatusCreated)
	_, _ = w.Write(b)
})

// bench runs h on a POST of paymentBody, with key(i) as its key ("" for
// none).
func bench(b *testing.B, h http.Handler, key func(i int) string) {
	rd := bytes.NewReader(paymentBody)
	body := io.NopCloser(rd)
	r, _ := http.NewRequest(http.MethodPost, "/v2/payments", nil)
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "ApiKey pk_live_1")
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rd.Reset(paymentBody)
		r.Body = body
		if key != nil {
			r.Header["Idempotency-Key"] = []string{key(i)}
		}
		clear(w.h)
		h.ServeHTTP(w, r)
	}
	b.StopTimer()
	if w.code != http.StatusCreated {
		b.Fatalf("status %d", w.code)
	}
}

func noop(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusCreated) }

// BenchmarkNoHeader compares a request without the key with and without
// the middleware.
func BenchmarkNoHeader(b *testing.B) {
	b.Run("bare", func(b *testing.B) { bench(b, http.HandlerFunc(noop), nil) })
	b.Run("middleware", func(b *testing.B) { bench(b, mustNew(b, Config{}).Handler(http.HandlerFunc(noop)), nil) })
}

// BenchmarkPayment compares the create handler alone, its first run under a
// key (fingerprint, claim, capture, store) and the replay that skips it.
func BenchmarkPayment(b *testing.B) {
	b.Run("handler", func(b *testing.B) { bench(b, createPaymentJSON, nil) })
	b.Run("first", func(b *testing.B) {
		h := mustNew(b, Config{}).Handler(createPaymentJSON)
		bench(b, h, func(i int) string { return "k-" + strconv.Itoa(i) })
	})
	b.Run("replay", func(b *testing.B) {
		h := mustNew(b, Config{}).Handler(createPaymentJSON)
		bench(b, h, func(int) string { return "k-1" })
	})
}
