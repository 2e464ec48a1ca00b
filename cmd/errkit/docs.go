package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/errkit/errkit/apierr"
)

// writeTable writes c's catalogue as a Markdown table: Code, Message, HTTP
// Status and, for catalogues with modules, Module. Extension codes are
// marked with a dagger and explained below the table.
func writeTable(w io.Writer, c apierr.Contract) error {
	cat := c.Catalogue()
	modules := len(cat.Modules()) > 0
	var b strings.Builder
	if modules {
		b.WriteString("| Code | Message | HTTP Status | Module |\n|---|---|---|---|\n")
	} else {
		b.WriteString("| Code | Message | HTTP Status |\n|---|---|---|\n")
	}
	ext := false
	for _, code := range cat.Codes() {
		b.WriteString("| `" + wireID(code) + "`")
		if code.Extension() {
			b.WriteString(" †")
			ext = true
		}
		b.WriteString(" | " + cell(code.Message()) + " | " + strconv.Itoa(code.Status()) + " |")
		if modules {
			b.WriteString(" " + cell(code.Module().Name) + " |")
		}
		b.WriteByte('\n')
	}
	if ext {
		b.WriteString("\n† errkit extension: the provider documents no code for this case, so errkit answers it with this one.\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// wireID is the code as its body shows it: "[PAY0001]" in Nexpay v2, where
// the message starts with the bracketed code, the bare ID elsewhere.
func wireID(code apierr.Code) string {
	if b := "[" + code.ID() + "]"; strings.HasPrefix(code.Error(), b) {
		return b
	}
	return code.ID()
}

// cell escapes text for a table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}

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
	if err := writeTable(stdout, c); err != nil {
		fmt.Fprintln(stderr, "errkit docs:", err)
		return 1
	}
	return 0
}
