package main

import "io"

func cmdDocs(args []string, stdout, stderr io.Writer) int {
	c := newCommand("docs", stdout, stderr, "errkit docs [--contract nexpay] [-o file]\n\nWrites the contract's code table as Markdown.")
	name := c.fs.String("contract", "nexpay", "the `contract`: "+contractNames())
	if code := c.parse(args); code >= 0 {
		return code
	}
	ct, err := contract(*name)
	if err != nil {
		return c.fail(exitUsage, flagError("contract", err))
	}
	return c.write([]byte(ct.Catalogue().Markdown()))
}
