// Command errkit works with the error contracts of errkit: it writes a
// contract's errors as OpenAPI and its code table as Markdown.
//
// Add it to a module as a tool, which records its dependencies in the
// module's go.mod and go.sum, and run it with go tool:
//
//	go get -tool github.com/errkit/errkit/cmd/errkit
//	go tool errkit docs --contract nextapi
//
// or install it on the PATH:
//
//	go install github.com/errkit/errkit/cmd/errkit@latest
//
// (go run github.com/errkit/errkit/cmd/errkit fails in a module that only
// requires errkit's library packages: its go.sum lacks the command's
// dependencies, such as kin-openapi.)
//
// Usage:
//
//	errkit openapi [--contract nexpay] [--version 3.1|3.0] [--format yaml|json] [--merge spec.yaml]
//	errkit docs [--contract nexpay]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

const usage = `errkit works with errkit's error contracts.

Usage:

	errkit openapi [--contract nexpay] [--version 3.1|3.0] [--format yaml|json] [--merge spec.yaml]
	errkit docs [--contract nexpay]

Commands:

	openapi   write the contract's error schemas, examples and responses as an
	          OpenAPI document, or merged into the spec given with --merge
	docs      write the contract's code table as Markdown

Run 'errkit <command> -h' for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the command line args and returns the exit status: 0 done, 1
// failed, 2 misused.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "openapi":
		return cmdOpenAPI(args[1:], stdout, stderr)
	case "docs":
		return cmdDocs(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "errkit: unknown command %q\n\n%s", args[0], usage)
	return 2
}

func newFlagSet(name string, stderr io.Writer, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s\n\nFlags:\n", about)
		fs.PrintDefaults()
	}
	return fs
}
