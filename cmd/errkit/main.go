// Command errkit works with the error contracts of errkit: it writes a
// contract's errors as OpenAPI, merged into a team's own spec or alone, its
// code table as Markdown, and the Go variables of a team's own codes file.
//
// Usage:
//
//	errkit openapi [--contract nexpay] [--version 3.1|3.0] [--format yaml|json] [--merge spec.yaml] [--codes codes.txt] [-o file]
//	errkit docs [--contract nexpay] [--codes codes.txt] [-o file]
//	errkit gen --codes codes.txt [--package acme] [-o codes_gen.go]
//
// Every command takes -h (or --help) and prints its flags.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

const usage = `errkit works with errkit's error contracts.

Usage:

	errkit openapi [--contract nexpay] [--version 3.1|3.0] [--format yaml|json] [--merge spec.yaml] [--codes codes.txt] [-o file]
	errkit docs [--contract nexpay] [--codes codes.txt] [-o file]
	errkit gen --codes codes.txt [--package acme] [-o codes_gen.go]

Commands:

	openapi   write the contract's error schemas, examples and responses as an
	          OpenAPI document, or merged into the spec given with --merge,
	          each operation documenting the errors it can send
	docs      write the contract's code table as Markdown
	gen       write the Go variables of a team's codes file

Run 'errkit <command> -h' for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1 // the command could not do its work
	exitUsage  = 2 // the command line is wrong
)

// commands are the subcommands, by name.
var commands = map[string]func(args []string, stdout, stderr io.Writer) int{
	"openapi": cmdOpenAPI,
	"docs":    cmdDocs,
	"gen":     cmdGen,
}

// run runs the command line args and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if cmd, ok := commands[args[1]]; ok {
				return cmd([]string{"-h"}, stdout, stderr)
			}
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	if cmd, ok := commands[args[0]]; ok {
		return cmd(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "errkit: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// A command is one subcommand's flag set and the way it reports.
type command struct {
	name   string
	fs     *flag.FlagSet
	stdout io.Writer
	stderr io.Writer
	out    *string // -o
}

func newCommand(name string, stdout, stderr io.Writer, about string) *command {
	c := &command{name: name, fs: flag.NewFlagSet(name, flag.ContinueOnError), stdout: stdout, stderr: stderr}
	c.fs.SetOutput(stderr)
	c.fs.Usage = func() {
		fmt.Fprintf(c.fs.Output(), "usage: %s\n\nFlags:\n", about)
		c.fs.PrintDefaults()
	}
	c.out = c.fs.String("o", "", "write to `file` rather than to standard output (written whole, once the command succeeded)")
	return c
}

// parse parses args; it returns -1 to go on, else the exit status: 0
// after -h (the usage on standard output), 2 on a bad command line.
func (c *command) parse(args []string) int {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" || a == "--h" {
			c.fs.SetOutput(c.stdout)
			c.fs.Usage()
			return exitOK
		}
	}
	if err := c.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if c.fs.NArg() > 0 {
		return c.fail(exitUsage, fmt.Errorf("unexpected argument %q: every input is given by a flag (see -h)", c.fs.Arg(0)))
	}
	return -1
}

// set reports whether the flag was given.
func (c *command) set(name string) bool {
	found := false
	c.fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// fail reports err and returns code.
func (c *command) fail(code int, err error) int {
	fmt.Fprintf(c.stderr, "errkit %s: %s\n", c.name, strings.TrimPrefix(err.Error(), "openapi: "))
	return code
}

// flagError is the error of a flag's value: it names the flag.
func flagError(name string, err error) error {
	dash := "--"
	if len(name) == 1 {
		dash = "-"
	}
	return fmt.Errorf("%s%s: %s", dash, name, strings.TrimPrefix(err.Error(), "openapi: "))
}

// write writes the command's output to -o's file, or to standard output.
// A file is written to a temporary file beside it and renamed over it,
// so that it is never left half-written, and an input it replaces is read
// whole first.
func (c *command) write(data []byte) int {
	if *c.out == "" {
		if _, err := c.stdout.Write(data); err != nil {
			return c.fail(exitFailed, err)
		}
		return exitOK
	}
	dir := filepath.Dir(*c.out)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(*c.out)+".*")
	if err != nil {
		return c.fail(exitFailed, flagError("o", err))
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), *c.out)
	}
	if werr != nil {
		_ = os.Remove(tmp.Name())
		return c.fail(exitFailed, flagError("o", werr))
	}
	return exitOK
}
