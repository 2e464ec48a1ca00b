// Package docstest holds the tests that keep the README and the docs/ pages
// true to the code: the Go version they state, the test command CI runs,
// every Go block compiling (and every complete program answering errors),
// the dependency figures of the package table, links, words, and a doc
// comment on every exported identifier.
//
// A Go block of a page is either a complete file (it starts with package)
// or a fragment. A fragment with top-level declarations (a line starting
// with func, type, var or const) is compiled as a file; any other fragment as
// the body of a function returning error. Fragments get their imports from
// the package names they use and may use the few names a reader's own
// program would have (w, r, e, mux, PaymentRequest, find, writeJSON, ...;
// see stubs in the test). A complete program that listens on port 8080 is run on
// a free port instead and must answer GET /v2/payments/42 with 404
// [PAY0001], an unknown route with 404 [GEN9404] and DELETE of a GET route
// with 405 [GEN9405], in the Nexpay v2 body.
package docstest
