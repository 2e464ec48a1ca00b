// Package e2e is the end-to-end suite of the sandbox servers: it builds
// the servers' real binaries, starts them on free ports and runs one table
// of HTTP cases against each, so that the four doors (examples/nexpay on
// echo v4, examples/nethttp, examples/echov5, examples/gin) pass the same;
// [Parity] then compares their answers with each other.
package e2e
