package docstest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/errkit/errkit/internal/mdblocks"
	"github.com/errkit/errkit/internal/scratch"
)

// TestGoVersion checks that the README states the Go version go.mod's go
// line asks for.
func TestGoVersion(t *testing.T) {
	root := scratch.Root(t)
	v := scratch.GoVersion(readFile(t, filepath.Join(root, "go.mod")))
	if v == "" {
		t.Fatal("go.mod has no go line")
	}
	want := "errkit needs Go " + strings.TrimSuffix(v, ".0") + " or newer"
	if readme := readFile(t, filepath.Join(root, "README.md")); !strings.Contains(readme, want) {
		m := regexp.MustCompile(`errkit needs Go \S+ or newer`).FindString(readme)
		t.Errorf("README.md says %q; go.mod's go line is %s, so it should say %q", m, v, want)
	}
}

// maxReadme is the README's budget: a newcomer reads it top to bottom,
// and the reference lives in docs/.
const maxReadme = 12288

// TestReadmeSize checks that the README stays within its budget.
func TestReadmeSize(t *testing.T) {
	root := scratch.Root(t)
	if n := len(readFile(t, filepath.Join(root, "README.md"))); n > maxReadme {
		t.Errorf("README.md is %d bytes, over its budget of %d: move reference to docs/", n, maxReadme)
	}
}

// TestReadmeSteps checks that the README's shell blocks give a newcomer
// every step, in order: the clone before the sandbox is run from it, go mod
// init before go get, and the command as a tool.
func TestReadmeSteps(t *testing.T) {
	root := scratch.Root(t)
	blocks, err := mdblocks.Read(root, "README.md")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, b := range blocks {
		if b.Lang == "sh" {
			lines = append(lines, strings.Split(b.Text, "\n")...)
		}
	}
	at := func(re string) int {
		r := regexp.MustCompile(re)
		for i, l := range lines {
			if r.MatchString(l) {
				return i
			}
		}
		return -1
	}
	steps := []struct {
		before, after, what string
	}{
		{`^git clone https://github\.com/errkit/errkit\b`, `^go run \./examples/nexpay\b`, "git clone before running the sandbox"},
		{`\bgo mod init \S+`, `^go get github\.com/errkit/errkit$`, "go mod init before go get"},
		{`^go get -tool github\.com/errkit/errkit/cmd/errkit\b`, ``, "go get -tool for the command"},
		{`^go install github\.com/errkit/errkit/cmd/errkit@latest\b`, ``, "go install for the command"},
	}
	for _, s := range steps {
		i := at(s.before)
		if i < 0 {
			t.Errorf("README.md's shell blocks lack %s (no line matches %s)", s.what, s.before)
			continue
		}
		if s.after == "" {
			continue
		}
		if j := at(s.after); j < 0 || j < i {
			t.Errorf("README.md's shell blocks lack %s (%s at line %d of the blocks, %s at %d)", s.what, s.before, i, s.after, j)
		}
	}
}

// TestChangelog checks CHANGELOG.md against the Keep a Changelog format: an
// Unreleased section first, then released versions, newest first, each
// "## [X.Y.Z] - YYYY-MM-DD"; change types among the six the format names;
// and a link reference at the bottom for every section and nothing else.
func TestChangelog(t *testing.T) {
	root := scratch.Root(t)
	text := readFile(t, filepath.Join(root, "CHANGELOG.md"))
	release := regexp.MustCompile(`^## \[(\d+)\.(\d+)\.(\d+)\] - (\d{4}-\d\d-\d\d)$`)
	linkRef := regexp.MustCompile(`^\[([^\]]+)\]: (https://\S+)$`)
	types := map[string]bool{"Added": true, "Changed": true, "Deprecated": true, "Removed": true, "Fixed": true, "Security": true}
	var sections []string
	refs := map[string]string{}
	var prevVersion [3]int
	prevDate := ""
	for i, l := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(l, "## "):
			if len(sections) == 0 {
				if l != "## [Unreleased]" {
					t.Errorf("CHANGELOG.md:%d: the first section is %q, want ## [Unreleased]", i+1, l)
				}
				sections = append(sections, "Unreleased")
				continue
			}
			m := release.FindStringSubmatch(l)
			if m == nil {
				t.Errorf("CHANGELOG.md:%d: %q is not ## [X.Y.Z] - YYYY-MM-DD", i+1, l)
				continue
			}
			var v [3]int
			for j := range v {
				v[j], _ = strconv.Atoi(m[j+1])
			}
			if _, err := time.Parse(time.DateOnly, m[4]); err != nil {
				t.Errorf("CHANGELOG.md:%d: %v", i+1, err)
			}
			if prevDate != "" && (m[4] > prevDate || !versionLess(v, prevVersion)) {
				t.Errorf("CHANGELOG.md:%d: %s is not older than the release above it", i+1, l)
			}
			prevVersion, prevDate = v, m[4]
			sections = append(sections, m[1]+"."+m[2]+"."+m[3])
		case strings.HasPrefix(l, "### "):
			if !types[strings.TrimPrefix(l, "### ")] {
				t.Errorf("CHANGELOG.md:%d: %q is not one of Keep a Changelog's change types", i+1, l)
			}
		case linkRef.MatchString(l):
			m := linkRef.FindStringSubmatch(l)
			refs[m[1]] = m[2]
		}
	}
	if len(sections) < 2 {
		t.Fatalf("CHANGELOG.md has %d sections, want Unreleased and at least one release", len(sections))
	}
	for _, s := range sections {
		if refs[s] == "" {
			t.Errorf("CHANGELOG.md has no link reference [%s]: <url> at the bottom", s)
		}
		delete(refs, s)
	}
	for r := range refs {
		t.Errorf("CHANGELOG.md: the link reference [%s] names no section", r)
	}
	if u, latest := refs["Unreleased"], sections[1]; u != "" && !strings.HasSuffix(u, "/compare/v"+latest+"...HEAD") {
		t.Errorf("CHANGELOG.md: [Unreleased] links %s, want the comparison of v%s with HEAD", u, latest)
	}
}

// versionLess reports whether version a precedes b.
func versionLess(a, b [3]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// TestCIRunsTheReadmeCommand checks that CI runs exactly the test command
// the README gives: the go test line of its first shell block.
func TestCIRunsTheReadmeCommand(t *testing.T) {
	root := scratch.Root(t)
	blocks, err := mdblocks.Read(root, "README.md")
	if err != nil {
		t.Fatal(err)
	}
	var command string
	for _, b := range blocks {
		if b.Lang == "sh" {
			for _, l := range strings.Split(b.Text, "\n") {
				if c, _, _ := strings.Cut(l, "#"); strings.HasPrefix(c, "go test") {
					command = strings.TrimSpace(c)
				}
			}
			break
		}
	}
	if command == "" {
		t.Fatal("the README's first shell block has no go test command")
	}
	ci := readFile(t, filepath.Join(root, ".ci", "run"))
	found := false
	for _, l := range strings.Split(ci, "\n") {
		if strings.TrimSpace(l) == command {
			found = true
		}
	}
	if !found {
		t.Errorf(".ci/run does not run the README's test command %q as a line of its own", command)
	}
}

// forbidden are words the docs do not use: the providers' documents are
// spoken of as what they are, never by names they have only here.
var forbidden = []struct {
	re  *regexp.Regexp
	why string
}{
	{regexp.MustCompile(`(?i)\bseeds?\b`), `say "the provider's documentation" or "its published table"`},
	{regexp.MustCompile(`\b\d{3}_[0-9a-f]{16}\b`), "a file name the reader does not have"},
	{regexp.MustCompile(`/work/`), "a path on one machine"},
	{regexp.MustCompile(`go run github\.com/errkit/errkit/cmd/errkit\b[^@]`), "fails in a user's module: go get -tool or go install"},
}

// TestWords checks the pages, and the doc comments of non-test Go files, for
// forbidden words.
func TestWords(t *testing.T) {
	root := scratch.Root(t)
	pages := allPages(t, root)
	for _, page := range pages {
		for i, line := range strings.Split(readFile(t, filepath.Join(root, page)), "\n") {
			for _, f := range forbidden {
				if m := f.re.FindString(line); m != "" {
					t.Errorf("%s:%d: %q: %s", page, i+1, m, f.why)
				}
			}
		}
	}
	// Doc comments reach users through go doc and pkg.go.dev. Fuzzing's
	// seed corpus is Go's own term and stays.
	fuzz := regexp.MustCompile(`(?i)\bseeds?\b[^.]*\b(corpus|fuzz)|\b(corpus|fuzz)\w*\b[^.]*\bseeds?\b|\bas seeds\b`)
	eachGoFile(t, root, func(path string, f *ast.File, fset *token.FileSet) {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				for _, fb := range forbidden[:3] {
					if m := fb.re.FindString(c.Text); m != "" && !fuzz.MatchString(c.Text) {
						t.Errorf("%s: %q: %s", fset.Position(c.Pos()), m, fb.why)
					}
				}
			}
		}
	})
}

// nameWords splits a file or identifier name into its words: at
// underscores, dots, dashes and digits, and where a capital follows a small
// letter or starts a capitalised word after an acronym.
func nameWords(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, c := range rs {
		switch {
		case !unicode.IsLetter(c):
			flush()
			continue
		case unicode.IsUpper(c) && len(cur) > 0 && (unicode.IsLower(cur[len(cur)-1]) ||
			i+1 < len(rs) && unicode.IsLower(rs[i+1])):
			flush()
		}
		cur = append(cur, c)
	}
	flush()
	return words
}

// forbiddenName reports why a file or identifier name uses a forbidden
// word, or "".
func forbiddenName(name string) string {
	for _, w := range nameWords(name) {
		if w == "seed" || w == "seeds" {
			return forbidden[0].why
		}
	}
	if forbidden[1].re.MatchString(name) {
		return forbidden[1].why
	}
	return ""
}

// TestWordsInNames checks the names of the repository's files and
// directories, and of the top-level declarations of every Go file, tests
// included (a test's name is what go test prints), for the forbidden words.
func TestWordsInNames(t *testing.T) {
	root := scratch.Root(t)
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && strings.HasPrefix(e.Name(), ".") && path != root {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(root, path)
		if why := forbiddenName(e.Name()); why != "" {
			t.Errorf("%s: the name %q: %s", filepath.ToSlash(rel), e.Name(), why)
		}
		if e.IsDir() || !strings.HasSuffix(path, ".go") || strings.Contains(filepath.ToSlash(rel), "testdata/") {
			return nil
		}
		fset := token.NewFileSet()
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, filepath.ToSlash(rel), src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		check := func(n *ast.Ident) {
			if why := forbiddenName(n.Name); why != "" {
				t.Errorf("%s: %s: %s", fset.Position(n.Pos()), n.Name, why)
			}
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				check(d.Name)
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						check(s.Name)
					case *ast.ValueSpec:
						for _, n := range s.Names {
							check(n)
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestNameWords(t *testing.T) {
	for name, want := range map[string]string{
		"TestCatalogueMatchesSeed": "test catalogue matches seed",
		"seed_000_codes.txt":       "seed codes txt",
		"readSeed":                 "read seed",
		"HTTPSeedRow":              "http seed row",
		"seeded":                   "seeded",
		"nexpay_v2_errors.txt":     "nexpay v errors txt",
	} {
		if got := strings.Join(nameWords(name), " "); got != want {
			t.Errorf("nameWords(%q) = %q, want %q", name, got, want)
		}
	}
}

// allPages returns the pages a user reads: the README, docs/ and the
// changelog.
func allPages(t *testing.T, root string) []string {
	t.Helper()
	pages, err := mdblocks.Pages(root)
	if err != nil {
		t.Fatal(err)
	}
	return append(pages, "CHANGELOG.md")
}

// eachGoFile parses every non-test Go file of the module (not bench/, a
// module of its own, nor testdata).
func eachGoFile(t *testing.T, root string, f func(path string, file *ast.File, fset *token.FileSet)) {
	t.Helper()
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if path != root && (strings.HasPrefix(e.Name(), ".") || e.Name() == "testdata" || fileExists(filepath.Join(path, "go.mod"))) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		file, err := parser.ParseFile(fset, filepath.ToSlash(rel), src, parser.ParseComments)
		if err != nil {
			return err
		}
		f(path, file, fset)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// TestDocComments checks that every exported identifier of a non-test file
// has a doc comment: functions, methods of exported types, types, the
// exported fields of their structs (embedded ones too) and the methods of
// their interfaces (a comment before or after the line) in the packages
// users import, and constants and variables (a group's comment covers its
// members).
func TestDocComments(t *testing.T) {
	root := scratch.Root(t)
	eachGoFile(t, root, func(path string, f *ast.File, fset *token.FileSet) {
		if strings.HasSuffix(path, "_gen.go") && f.Doc == nil && len(f.Decls) == 0 {
			return
		}
		// Fields are checked where go doc shows them to users: not in
		// internal packages, nor in the examples.
		rel := filepath.ToSlash(fset.Position(f.Package).Filename)
		public := !strings.Contains("/"+rel, "/internal/") && !strings.HasPrefix(rel, "examples/")
		missing := func(pos token.Pos, what string) {
			t.Errorf("%s: exported %s has no doc comment", fset.Position(pos), what)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() || d.Doc != nil {
					continue
				}
				if d.Recv != nil && !exportedRecv(d.Recv) {
					continue
				}
				missing(d.Pos(), d.Name.Name)
			case *ast.GenDecl:
				if d.Tok == token.IMPORT {
					continue
				}
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						if s.Doc == nil && d.Doc == nil {
							missing(s.Pos(), s.Name.Name)
						}
						if public {
							eachField(s, func(pos token.Pos, what string) {
								missing(pos, s.Name.Name+"."+what)
							})
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() && s.Doc == nil && d.Doc == nil && s.Comment == nil {
								missing(n.Pos(), n.Name)
							}
						}
					}
				}
			}
		}
	})
}

// eachField calls missing for every exported field of a struct type, and
// every method of an interface type, that has no comment of its own,
// nested struct types included.
func eachField(s *ast.TypeSpec, missing func(pos token.Pos, what string)) {
	ast.Inspect(s.Type, func(n ast.Node) bool {
		var list *ast.FieldList
		switch t := n.(type) {
		case *ast.StructType:
			list = t.Fields
		case *ast.InterfaceType:
			list = t.Methods
		case *ast.FuncType:
			return false // parameters and results are not fields
		default:
			return true
		}
		for _, f := range list.List {
			if f.Doc != nil || f.Comment != nil {
				continue
			}
			if len(f.Names) == 0 { // embedded: named by its type
				x := f.Type
				if st, ok := x.(*ast.StarExpr); ok {
					x = st.X
				}
				if sel, ok := x.(*ast.SelectorExpr); ok {
					x = sel.Sel
				}
				if id, ok := x.(*ast.Ident); ok && id.IsExported() {
					missing(f.Pos(), id.Name)
				}
				continue
			}
			for _, n := range f.Names {
				if n.IsExported() {
					missing(n.Pos(), n.Name)
				}
			}
		}
		return true
	})
}

// exportedRecv reports whether a method's receiver type is exported.
func exportedRecv(fl *ast.FieldList) bool {
	if len(fl.List) == 0 {
		return false
	}
	x := fl.List[0].Type
	for {
		switch y := x.(type) {
		case *ast.StarExpr:
			x = y.X
		case *ast.IndexExpr:
			x = y.X
		case *ast.IndexListExpr:
			x = y.X
		case *ast.Ident:
			return y.IsExported()
		default:
			return false
		}
	}
}

// TestDepsTable checks the README's package table against go list -deps:
// for each package of a row, the third-party modules and packages it
// compiles, errkit's own packages and the standard library not counted.
func TestDepsTable(t *testing.T) {
	root := scratch.Root(t)
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	readme := readFile(t, filepath.Join(root, "README.md"))
	i, j := strings.Index(readme, "<!-- deps -->"), strings.Index(readme, "<!-- /deps -->")
	if i < 0 || j < i {
		t.Fatal("README.md has no <!-- deps --> ... <!-- /deps --> table")
	}
	link := regexp.MustCompile(`\]\(([^)#]+)\)`)
	rows := 0
	for _, row := range strings.Split(readme[i:j], "\n") {
		cells := strings.Split(strings.Trim(row, "| "), " | ")
		if len(cells) != 4 || !strings.Contains(cells[0], "](") {
			continue
		}
		rows++
		wantMods, err1 := strconv.Atoi(cells[2])
		wantPkgs, err2 := strconv.Atoi(cells[3])
		if err1 != nil || err2 != nil {
			t.Errorf("README.md: row %q: the last two cells are not numbers", row)
			continue
		}
		for _, m := range link.FindAllStringSubmatch(cells[0], -1) {
			pkg := scratch.Module + "/" + m[1]
			out, err := exec.Command(goBin, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}} {{with .Module}}{{.Path}}{{end}}{{end}}", pkg).CombinedOutput()
			if err != nil {
				t.Fatalf("go list %s: %v\n%s", pkg, err, out)
			}
			mods, pkgs := map[string]bool{}, 0
			for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				p, mod, _ := strings.Cut(l, " ")
				if l == "" || mod == scratch.Module || strings.HasPrefix(p, scratch.Module+"/") {
					continue
				}
				pkgs++
				mods[mod] = true
			}
			if len(mods) != wantMods || pkgs != wantPkgs {
				t.Errorf("README.md says %s compiles %d modules and %d packages; go list -deps says %d and %d", m[1], wantMods, wantPkgs, len(mods), pkgs)
			}
		}
	}
	if rows == 0 {
		t.Error("README.md's package table has no rows")
	}
}

// TestLinks checks that every relative link of the pages names a file or
// directory that exists.
func TestLinks(t *testing.T) {
	root := scratch.Root(t)
	pages := allPages(t, root)
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	for _, page := range pages {
		text := readFile(t, filepath.Join(root, page))
		for _, m := range link.FindAllStringSubmatch(text, -1) {
			target, _, _ := strings.Cut(m[1], "#")
			if target == "" || strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			if !fileExists(filepath.Join(root, filepath.Dir(page), filepath.FromSlash(target))) {
				t.Errorf("%s: the link %s names nothing in the repository", page, m[1])
			}
		}
	}
}
