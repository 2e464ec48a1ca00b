// Package acme is a team's own codes as errkit gen writes them from the
// team's codes file: an example, and the test that the generated code
// works.
package acme

//go:generate go run github.com/errkit/errkit/cmd/errkit gen --codes codes.txt -o codes_gen.go
