// Command echov5 serves the sandbox payment API of examples/nexpay on echo
// v5, to show errkit's echo v5 door: the same routes, flags and contract.
package main

import "github.com/errkit/errkit/examples/internal/sandbox"

func main() { sandbox.Main("echov5", newServer) }
