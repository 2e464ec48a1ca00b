// Package bench measures what errkit costs against the pre-encoded floor,
// echo's default error handler and huma v2; see BENCHMARKS.md for the table.
//
// It is a module of its own so that errkit's users do not inherit huma. The
// benchmarks and the tests that check each benchmarked handler answers what
// it is meant to are in the _test files; cmd/plainecho is the echo server
// the load test compares errkit's example server with.
package bench
