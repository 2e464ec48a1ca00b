package main

import "io"

func cmdDocs(args []string, stdout, stderr io.Writer) int {
	c := newCommand("docs", stdout, stderr, "errkit docs [--contract nexpay] [--codes codes.txt] [-o file]\n\n"+
		"Writes the contract's code table as Markdown, with a team's own codes\nwhen --codes names its codes file.")
	name := c.fs.String("contract", "nexpay", "the `contract`: "+contractNames())
	codes := c.fs.String("codes", "", "a team's codes `file` (the format of apierr/codes.txt) to list too")
	if code := c.parse(args); code >= 0 {
		return code
	}
	ct, err := contract(*name)
	if err != nil {
		return c.fail(exitUsage, flagError("contract", err))
	}
	if *codes != "" {
		if err := registerCodes(ct, *codes); err != nil {
			return c.fail(exitFailed, flagError("codes", err))
		}
	}
	return c.write([]byte(ct.Catalogue().Markdown()))
}
