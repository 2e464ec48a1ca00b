package main

import (
	"errors"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/gencodes"
)

const genAbout = `errkit gen --codes codes.txt --package acme [-o codes_gen.go]

Writes the Go file of a team's codes file, in the format of errkit's own
catalogue (apierr/codes.txt): tab-separated lines

	module <PREFIX> <name>
	code   <ID> <status> <message>
	ext    <ID> <status> <message> <description>

One exported variable per code, named by its ID and registered in the
Nexpay v2 catalogue, so that handlers return it (return acme.ACM0001) and
every contract answers it. A code of errkit's own catalogue (PAY0001,
GEN9001, ...) is refused: it is registered already, and the generated
package would panic when loaded. The same file documents the codes in
OpenAPI: errkit openapi --codes codes.txt. With go generate:

	//go:generate go run github.com/errkit/errkit/cmd/errkit gen --codes codes.txt --package acme -o codes_gen.go`

func cmdGen(args []string, stdout, stderr io.Writer) int {
	c := newCommand("gen", stdout, stderr, genAbout)
	codes := c.fs.String("codes", "", "the team's codes `file`")
	pkg := c.fs.String("package", "", "the Go `package` of the file written; by default the -o file's directory name")
	if code := c.parse(args); code >= 0 {
		return code
	}
	if *codes == "" {
		return c.fail(exitUsage, flagError("codes", errors.New("name the codes file to read (--codes codes.txt)")))
	}
	if *pkg == "" && *c.out != "" {
		if abs, err := filepath.Abs(*c.out); err == nil {
			*pkg = filepath.Base(filepath.Dir(abs))
		}
	}
	if *pkg == "" {
		return c.fail(exitUsage, flagError("package", errors.New("name the Go package to write (--package acme), or give -o a file in the package's directory")))
	}
	if !token.IsIdentifier(*pkg) || token.IsKeyword(*pkg) {
		return c.fail(exitUsage, flagError("package", fmt.Errorf("%q is not a Go package name: give one with --package", *pkg)))
	}
	src, err := os.ReadFile(*codes)
	if err != nil {
		return c.fail(exitFailed, flagError("codes", err))
	}
	if err := checkOwnCodes(src); err != nil {
		return c.fail(exitFailed, fmt.Errorf("--codes %s: %w", *codes, err))
	}
	out, err := gencodes.GenerateTeam(src, *pkg, filepath.Base(*codes))
	if err != nil {
		return c.fail(exitFailed, fmt.Errorf("--codes %s: %w", *codes, err))
	}
	return c.write(out)
}

// ownCodes are the codes of errkit's own Nexpay v2 catalogue, as the
// command starts: those a team's codes file must not name.
var ownCodes = func() map[string]apierr.Code {
	m := map[string]apierr.Code{}
	for _, c := range apierr.Nexpay.Catalogue().Codes() {
		m[c.ID()] = c
	}
	return m
}()

// checkOwnCodes refuses a team's codes file that names a code of errkit's
// own catalogue: the generated variable would register it a second time,
// and the package would panic when loaded.
func checkOwnCodes(src []byte) error {
	_, codes, err := gencodes.Parse(src)
	if err != nil {
		return err
	}
	for _, code := range codes {
		if have, ok := ownCodes[code.ID]; ok {
			return fmt.Errorf("line %d: %s is a code of errkit's own catalogue already (%d %q): "+
				"give your code an ID of a module of your own (module ACM, code ACM0001), "+
				"or return apierr.%s where errkit's code is meant",
				code.Line, code.ID, have.Status(), have.Message(), code.ID)
		}
	}
	return nil
}
