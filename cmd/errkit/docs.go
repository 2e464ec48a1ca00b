package main

import (
	"fmt"
	"io"
)

func cmdDocs(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("docs", stderr, "errkit docs [--contract nexpay]\n\nWrites the contract's code table as Markdown.")
	name := fs.String("contract", "nexpay", "the contract")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "errkit docs: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	c, err := contract(*name)
	if err != nil {
		fmt.Fprintln(stderr, "errkit docs:", err)
		return 2
	}
	if _, err := io.WriteString(stdout, c.Catalogue().Markdown()); err != nil {
		fmt.Fprintln(stderr, "errkit docs:", err)
		return 1
	}
	return 0
}
