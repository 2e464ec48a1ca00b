// Command chi is the quick start of errkit on chi, through the net/http
// door: chi handlers are net/http handlers.
package main

import (
	"encoding/json"
	"log"
	"net/http"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/validation"
	"github.com/go-chi/chi/v5"
)

type createPayment struct {
	Amount   string `json:"amount" validate:"required,amount=2"`
	Currency string `json:"currency" validate:"required,iso4217"`
}

var validate = validation.New()

func newServer() http.Handler {
	kit := middleware.New()
	r := chi.NewRouter()
	r.NotFound(kit.NotFound) // chi's 404 in the contract; its bare 405 is caught by Wrap

	r.Get("/v2/payments/{id}", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apierr.New(apierr.PAY0001).With("id", chi.URLParam(r, "id"))
	}).ServeHTTP)
	r.Post("/v2/payments", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		var req createPayment
		if err := validation.DecodeJSON(r, &req, validation.WithValidator(validate)); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		return json.NewEncoder(w).Encode(req)
	}).ServeHTTP)
	// Request ID, recover, maintenance, rate limit, around chi.
	return kit.Wrap(r)
}

func main() { log.Fatal(http.ListenAndServe("127.0.0.1:8080", newServer())) }
