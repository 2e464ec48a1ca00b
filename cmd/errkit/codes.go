package main

import (
	"fmt"
	"os"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/gencodes"
)

// registerCodes registers the codes of a team's codes file (the format of
// apierr/codes.txt) in c's catalogue, so that the command documents them.
// A code registered already with the same status and message is kept.
func registerCodes(c apierr.Contract, path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	mods, codes, err := gencodes.Parse(src)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	cat := c.Catalogue()
	for _, m := range mods {
		known := false
		for _, have := range cat.Modules() {
			known = known || have.Prefix == m.Prefix
		}
		if !known {
			if err := cat.AddModule(apierr.Module{Prefix: m.Prefix, Name: m.Name}); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
	}
	for _, code := range codes {
		if have, ok := cat.Lookup(code.ID); ok {
			if have.Status() != code.Status || have.Message() != code.Message {
				return fmt.Errorf("%s: %s is a code of the %s catalogue already, as %d %q", path, code.ID, c.Name(), have.Status(), have.Message())
			}
			continue
		}
		_, err := cat.Register(apierr.Spec{ID: code.ID, Status: code.Status, Message: code.Message, Description: code.Description, Extension: code.Extension})
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return nil
}
