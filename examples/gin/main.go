// Command gin serves the sandbox payment API of examples/nexpay on gin, to
// show errkit's gin door: the same routes, flags and contract.
package main

import "github.com/errkit/errkit/examples/internal/sandbox"

func main() { sandbox.Main("gin", newServer) }
