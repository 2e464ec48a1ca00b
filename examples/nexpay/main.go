// Command nexpay is a sandbox of a Nexpay-style payment API on echo v4:
// payees, quotes, payments and documents in memory, every failure answered
// in the Nexpay v2 error contract by errkit. Run it and point a client at it:
//
//	go run ./examples/nexpay
//	curl -H 'Authorization: ApiKey pk_test_sandbox' localhost:8080/v2/payments/42
//
// The same API on plain net/http is examples/nethttp.
package main

import "github.com/errkit/errkit/examples/internal/sandbox"

func main() { sandbox.Main("nexpay", newServer) }
