// Package e2e is the end-to-end suite of the sandbox servers: it builds a
// server's real binary, starts it on a free port and runs one table of HTTP
// cases against it, so examples/nexpay and examples/nethttp pass the same.
package e2e
