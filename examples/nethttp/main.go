// Command nethttp serves the sandbox payment API of examples/nexpay on a
// plain net/http ServeMux, to show errkit's net/http door: the same routes,
// the same contract, no echo.
package main

import "github.com/errkit/errkit/examples/internal/sandbox"

func main() { sandbox.Main("nethttp", newServer) }
