// Package gencodes turns a catalogue's source file (codes.txt) into Go:
// for Nexpay v2, package apierr's typed constants and the table that
// registers them; for another contract's package, one registered variable
// per code. Every catalogue is written once, in its codes.txt, and
// `go generate` runs apierr/internal/cmd/gencodes over it; [Check] is the
// test that the generated file is current.
//
// A Nexpay v2 source has tab-separated lines
//
//	module <PREFIX> <name>
//	code   <ID> <status> <message>
//	ext    <ID> <status> <message> <description>
//
// Another contract's source starts with
//
//	package   <Go package>
//	catalogue <the variable of its *apierr.Catalogue>
//	extra     <map variable> <doc>    (optional: a map[apierr.Code]string the 7th column fills)
//
// and then has
//
//	group <doc>                                          a new var block, with its doc comment
//	doc   <text>                                         a doc comment for the next code
//	code  <Name> <ID> <status> <message> <description> [<extra>]
//	ext   <Name> <ID> <status> <message> <description> [<extra>]
//
// code is a code of the provider's catalogue, ext an errkit extension.
// Lines starting with # are comments.
//
// A team's own codes file, in the Nexpay v2 format, becomes a package of
// its own with [GenerateTeam] (`errkit gen`); [Parse] reads it for
// `errkit openapi --codes`.
package gencodes

import (
	"bytes"
	"fmt"
	"go/format"
	"go/token"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Generate returns the Go file for the catalogue source src.
func Generate(src []byte) ([]byte, error) {
	for _, l := range lines(src) {
		if l.fields[0] == "package" {
			return generateContract(src)
		}
	}
	return generateNexpay(src)
}

// Check fails t when the Go file out is not what Generate makes of the
// source in: the test each catalogue's package runs.
func Check(t testing.TB, in, out string) {
	t.Helper()
	src, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Generate(src)
	if err != nil {
		t.Fatalf("%s: %v", in, err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run go generate on the package of %s", out, in)
	}
}

type module struct{ prefix, name string }

type entry struct {
	id, message, description string
	status                   int
	ext                      bool
	line                     int // 1-based
}

var (
	prefixRE = regexp.MustCompile(`^[A-Z]{3}$`)
	idRE     = regexp.MustCompile(`^[A-Z]{3}[0-9]{4}$`)
)

// A line is one line of a source that is neither empty nor a comment.
type line struct {
	n      int      // 1-based
	fields []string // tab-separated
}

func (l line) errorf(format string, args ...any) error {
	return fmt.Errorf("line %d: %s", l.n, fmt.Sprintf(format, args...))
}

// lines returns the lines of src that say something.
func lines(src []byte) []line {
	var out []line
	for n, s := range strings.Split(string(src), "\n") {
		s = strings.TrimRight(s, "\r")
		if s != "" && !strings.HasPrefix(s, "#") {
			out = append(out, line{n + 1, strings.Split(s, "\t")})
		}
	}
	return out
}

// parse reads the catalogue; it refuses anything the runtime would refuse.
func parse(src []byte) ([]module, []entry, error) {
	var mods []module
	var codes []entry
	seen := map[string]bool{}
	known := map[string]bool{}
	for _, ln := range lines(src) {
		f := ln.fields
		bad := ln.errorf
		switch f[0] {
		case "module":
			if len(f) != 3 || !prefixRE.MatchString(f[1]) || f[2] == "" {
				return nil, nil, bad("want: module<TAB>PREFIX<TAB>name")
			}
			if known[f[1]] {
				return nil, nil, bad("module %s twice", f[1])
			}
			known[f[1]] = true
			mods = append(mods, module{f[1], f[2]})
		case "code", "ext":
			ext := f[0] == "ext"
			if (!ext && len(f) != 4) || (ext && len(f) != 5) {
				return nil, nil, bad("want: %s<TAB>ID<TAB>status<TAB>message%s", f[0], map[bool]string{true: "<TAB>description"}[ext])
			}
			if !idRE.MatchString(f[1]) {
				return nil, nil, bad("code %q is not 3 capitals and 4 digits", f[1])
			}
			if !known[f[1][:3]] {
				return nil, nil, bad("code %s: module %s is not declared", f[1], f[1][:3])
			}
			if seen[f[1]] {
				return nil, nil, bad("code %s twice", f[1])
			}
			seen[f[1]] = true
			st, err := strconv.Atoi(f[2])
			if err != nil || st < 400 || st > 599 {
				return nil, nil, bad("code %s: status %q is not 400-599", f[1], f[2])
			}
			if f[3] == "" {
				return nil, nil, bad("code %s: empty message", f[1])
			}
			e := entry{id: f[1], status: st, message: f[3], ext: ext, line: ln.n}
			if ext {
				e.description = f[4]
			}
			codes = append(codes, e)
		default:
			return nil, nil, bad("unknown kind %q", f[0])
		}
	}
	if len(codes) == 0 {
		return nil, nil, fmt.Errorf("no codes")
	}
	return mods, codes, nil
}

func generateNexpay(src []byte) ([]byte, error) {
	mods, codes, err := parse(src)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("// Code generated by gencodes from codes.txt; DO NOT EDIT.\n\npackage apierr\n\n")
	b.WriteString("// The codes of the Nexpay v2 catalogue, in the order of codes.txt.\n// Each is an error whose text is its rendered message.\nconst (\n")
	for i, c := range codes {
		kind := ""
		if c.ext {
			kind = " errkit extension:"
		}
		fmt.Fprintf(&b, "\t// %s is%s %q, HTTP %d.\n", c.id, kind, c.message, c.status)
		if i == 0 {
			fmt.Fprintf(&b, "\t%s Code = iota + 1\n", c.id)
		} else {
			fmt.Fprintf(&b, "\t%s\n", c.id)
		}
	}
	b.WriteString(")\n\n// nexpayModules are the module prefixes of the Nexpay v2 catalogue.\nvar nexpayModules = []Module{\n")
	for _, m := range mods {
		fmt.Fprintf(&b, "\t{Prefix: %q, Name: %q},\n", m.prefix, m.name)
	}
	b.WriteString("}\n\n// nexpaySpecs are the codes of the Nexpay v2 catalogue, in constant order.\nvar nexpaySpecs = []Spec{\n")
	for _, c := range codes {
		if c.ext {
			fmt.Fprintf(&b, "\t{ID: %q, Status: %d, Message: %q, Extension: true, Description: %q},\n", c.id, c.status, c.message, c.description)
		} else {
			fmt.Fprintf(&b, "\t{ID: %q, Status: %d, Message: %q},\n", c.id, c.status, c.message)
		}
	}
	b.WriteString("}\n\n// nexpayConstants lists the constants in the order of nexpaySpecs.\nvar nexpayConstants = [...]Code{")
	for i, c := range codes {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.id)
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

var nameRE = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)

type contractCode struct {
	kind, name, id, message, description, extra string
	status                                      int
	doc                                         []string
	gap                                         bool // a blank line before it
}

type group struct {
	doc   []string
	codes []contractCode
}

// generateContract generates a contract package's codes_gen.go.
func generateContract(src []byte) ([]byte, error) {
	var pkg, cat, extra, extraDoc string
	var groups []*group
	var doc []string
	names, ids := map[string]bool{}, map[string]bool{}
	for _, ln := range lines(src) {
		f := ln.fields
		bad := ln.errorf
		switch f[0] {
		case "package", "catalogue":
			if len(f) != 2 || !token.IsIdentifier(f[1]) {
				return nil, bad("want: %s<TAB>identifier", f[0])
			}
			if f[0] == "package" {
				pkg = f[1]
			} else {
				cat = f[1]
			}
		case "extra":
			if len(f) != 3 || !token.IsIdentifier(f[1]) || f[2] == "" {
				return nil, bad("want: extra<TAB>identifier<TAB>doc")
			}
			extra, extraDoc = f[1], f[2]
		case "group":
			if len(f) != 2 {
				return nil, bad("want: group<TAB>doc")
			}
			if len(groups) == 0 || len(groups[len(groups)-1].codes) > 0 {
				groups = append(groups, &group{})
			}
			g := groups[len(groups)-1]
			g.doc = append(g.doc, f[1])
		case "doc":
			if len(f) != 2 {
				return nil, bad("want: doc<TAB>text")
			}
			doc = append(doc, f[1])
		case "code", "ext":
			if len(f) != 6 && len(f) != 7 {
				return nil, bad("want: %s<TAB>Name<TAB>ID<TAB>status<TAB>message<TAB>description[<TAB>extra]", f[0])
			}
			if len(groups) == 0 {
				return nil, bad("code before the first group")
			}
			c := contractCode{kind: f[0], name: f[1], id: f[2], message: f[4], description: f[5], doc: doc}
			if !nameRE.MatchString(c.name) {
				return nil, bad("name %q is not an exported Go identifier", c.name)
			}
			if names[c.name] || ids[c.id] {
				return nil, bad("code %s (%s) twice", c.name, c.id)
			}
			names[c.name], ids[c.id] = true, true
			st, err := strconv.Atoi(f[3])
			if err != nil || st < 400 || st > 599 {
				return nil, bad("code %s: status %q is not 400-599", c.id, f[3])
			}
			c.status = st
			if c.id == "" || c.message == "" {
				return nil, bad("code %s: empty ID or message", c.name)
			}
			if len(f) == 7 {
				if extra == "" {
					return nil, bad("code %s: an extra column, but no extra line declares its map", c.id)
				}
				c.extra = f[6]
			}
			g := groups[len(groups)-1]
			c.gap = len(doc) > 0 && len(g.codes) > 0
			g.codes = append(g.codes, c)
			doc = nil
		default:
			return nil, bad("unknown kind %q", f[0])
		}
	}
	if pkg == "" || cat == "" {
		return nil, fmt.Errorf("no package or catalogue line")
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no codes")
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by gencodes from codes.txt; DO NOT EDIT.\n\npackage %s\n\nimport \"github.com/errkit/errkit/apierr\"\n", pkg)
	var extras []contractCode
	for _, g := range groups {
		b.WriteByte('\n')
		for _, d := range g.doc {
			b.WriteString("// " + d + "\n")
		}
		b.WriteString("var (\n")
		for _, c := range g.codes {
			if c.gap {
				b.WriteByte('\n')
			}
			for _, d := range c.doc {
				b.WriteString("\t// " + d + "\n")
			}
			ext := ""
			if c.kind == "ext" {
				ext = ", Extension: true"
			}
			fmt.Fprintf(&b, "\t%s = %s.MustRegister(apierr.Spec{ID: %q, Status: %d, Message: %q%s, Description: %q})\n", c.name, cat, c.id, c.status, c.message, ext, c.description)
			if c.extra != "" {
				extras = append(extras, c)
			}
		}
		b.WriteString(")\n")
	}
	if extra != "" {
		fmt.Fprintf(&b, "\n// %s %s\nvar %s = map[apierr.Code]string{\n", extra, extraDoc, extra)
		for _, c := range extras {
			fmt.Fprintf(&b, "\t%s: %q,\n", c.name, c.extra)
		}
		b.WriteString("}\n")
	}
	return format.Source(b.Bytes())
}
