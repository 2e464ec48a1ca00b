// Package sandbox is the domain of the example payment API that
// examples/nexpay (echo) and examples/nethttp (net/http) serve: an in-memory
// store of payees, quotes, payments and documents whose rules fail with
// Nexpay v2 codes, plus the flags, auth and lifecycle both servers share.
package sandbox
