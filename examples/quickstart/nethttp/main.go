// Command nethttp is the quick start of errkit's net/http door.
package main

import (
	"encoding/json"
	"log"
	"net/http"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/validation"
)

type createPayment struct {
	Amount   string `json:"amount" validate:"required,amount=2"`
	Currency string `json:"currency" validate:"required,iso4217"`
}

var validate = validation.New()

func newServer() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /v2/payments/{id}", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apierr.New(apierr.PAY0001).With("id", r.PathValue("id"))
	}))
	mux.Handle("POST /v2/payments", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		var req createPayment
		if err := validation.DecodeJSON(r, &req, validation.WithValidator(validate)); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		return json.NewEncoder(w).Encode(req)
	}))
	// Request ID, recover, maintenance, rate limit, and the mux's own 404
	// and 405 in the contract.
	return middleware.Wrap(mux)
}

func main() { log.Fatal(http.ListenAndServe("127.0.0.1:8080", newServer())) }
