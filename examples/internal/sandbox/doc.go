// Package sandbox is the domain of the example payment API that
// examples/nexpay (echo v4), examples/nethttp (net/http), examples/echov5
// and examples/gin serve: an in-memory store of payees, quotes, payments
// and documents whose rules fail with Nexpay v2 codes, plus the flags,
// auth and lifecycle the servers share.
package sandbox
