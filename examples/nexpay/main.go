// Command nexpay is a minimal server speaking the Nexpay v2 error contract.
package main

import (
	"flag"
	"log"
	"net/http"

	"github.com/errkit/errkit/apierr"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	})
	mux.HandleFunc("GET /v2/payments/{id}", func(w http.ResponseWriter, r *http.Request) {
		_ = apierr.Render(w, r, apierr.Nexpay, apierr.New(apierr.PAY0001).With("id", r.PathValue("id")))
	})
	log.Printf("listening on http://%s", *addr)
	log.Fatal(http.ListenAndServe(*addr, mux))
}
