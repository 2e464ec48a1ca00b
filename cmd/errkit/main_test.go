package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/openapi"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestDocs checks that errkit docs writes each contract's catalogue table,
// and that the README carries each table as it is now: the README's code
// tables are derived, and this test fails when one drifts.
func TestDocs(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range contracts {
		if name != "nexpay" && c.Catalogue() == apierr.Nexpay.Catalogue() {
			continue // problem details speak the Nexpay catalogue
		}
		code, out, stderr := runCLI(t, "docs", "--contract", name)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
		want := c.Catalogue().Markdown()
		if out != want {
			t.Errorf("%s: errkit docs wrote\n%s\nwant\n%s", name, out, want)
		}
		begin, end := "<!-- codes:"+name+" -->\n", "<!-- /codes:"+name+" -->"
		s := string(readme)
		i, j := strings.Index(s, begin), strings.Index(s, end)
		if i < 0 || j < i {
			t.Errorf("README.md has no %q ... %q section", strings.TrimSpace(begin), end)
			continue
		}
		if got := s[i+len(begin) : j]; got != want {
			t.Errorf("README.md's %s table is stale; it should read:\n%s", name, want)
		}
	}
	if _, out, _ := runCLI(t, "docs"); !strings.Contains(out, "| `[QOT0003]` | Currency pair unavailable | 422 | Quotes |") {
		t.Error("errkit docs does not default to the Nexpay v2 table")
	}
}

// TestOpenAPIGolden checks the CLI writes the documents the openapi
// package's golden files hold.
func TestOpenAPIGolden(t *testing.T) {
	for _, v := range []string{"3.1", "3.0"} {
		for _, f := range []string{"yaml", "json"} {
			code, out, stderr := runCLI(t, "openapi", "--contract", "nexpay", "--version", v, "--format", f)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			want, err := os.ReadFile(filepath.Join("..", "..", "openapi", "testdata", "nexpay-"+v+"."+f))
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Errorf("errkit openapi --version %s --format %s differs from the golden file", v, f)
			}
		}
	}
	// Defaults: nexpay, 3.1, yaml.
	_, out, _ := runCLI(t, "openapi")
	if !strings.HasPrefix(out, "openapi: 3.1.0\n") {
		t.Errorf("default output starts %.40q", out)
	}
}

const spec30 = `openapi: 3.0.3
info: {title: Payments, version: 2.0.0}
paths: {}
components:
  schemas:
    Payment: {type: object}
`

func TestOpenAPIMerge(t *testing.T) {
	dir := t.TempDir()
	yamlSpec := filepath.Join(dir, "spec.yaml")
	jsonSpec := filepath.Join(dir, "spec.JSON")
	os.WriteFile(yamlSpec, []byte(spec30), 0o644)
	os.WriteFile(jsonSpec, []byte(`{"openapi":"3.1.0","info":{"title":"P","version":"1"},"paths":{}}`), 0o644)

	code, out, stderr := runCLI(t, "openapi", "--merge", yamlSpec)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	doc, err := openapi.Load([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.0.3" || doc.Components.Schemas["Payment"] == nil || doc.Components.Schemas["NexpayError"] == nil {
		t.Errorf("merged spec:\n%s", out)
	}
	if err := openapi.Validate(doc); err != nil {
		t.Error(err)
	}
	if stderr != "" {
		t.Errorf("stderr: %s", stderr)
	}

	// A .json spec is written back as JSON unless --format says otherwise.
	code, out, _ = runCLI(t, "openapi", "--merge", jsonSpec)
	if code != 0 || !strings.HasPrefix(out, "{\n  \"openapi\": \"3.1.0\"") {
		t.Errorf("exit %d, output %.60q", code, out)
	}
	code, out, _ = runCLI(t, "openapi", "--merge", jsonSpec, "--format", "yaml")
	if code != 0 || !strings.HasPrefix(out, "openapi: 3.1.0") {
		t.Errorf("exit %d, output %.60q", code, out)
	}
	// A spec may refer to the responses the merge adds, and name each
	// operation's codes.
	refSpec := filepath.Join(dir, "ref.yaml")
	os.WriteFile(refSpec, []byte(`openapi: 3.1.0
info: {title: P, version: "1"}
paths:
  /v2/payments/{id}:
    get:
      x-errkit-codes: [PAY0001]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: OK}
        "503": {$ref: '#/components/responses/NexpayError503'}
`), 0o644)
	code, out, stderr = runCLI(t, "openapi", "--merge", refSpec)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	doc, err = openapi.Load([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := openapi.Validate(doc); err != nil {
		t.Error(err)
	}
	op := doc.Paths.Value("/v2/payments/{id}").Get
	if op.Responses.Value("404") == nil || op.Responses.Value("503").Ref != "#/components/responses/NexpayError503" || doc.Components.Responses["NexpayError503"] == nil {
		t.Errorf("merged:\n%s", out)
	}

	// Merging into the output again gives the same output.
	merged := filepath.Join(dir, "merged.yaml")
	_, first, _ := runCLI(t, "openapi", "--merge", yamlSpec)
	os.WriteFile(merged, []byte(first), 0o644)
	if _, again, _ := runCLI(t, "openapi", "--merge", merged); again != first {
		t.Error("merging twice changed the spec")
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.yaml")
	os.WriteFile(broken, []byte("openapi: [3.0\ninfo: {"), 0o644)
	swagger := filepath.Join(dir, "swagger.json")
	os.WriteFile(swagger, []byte(`{"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{}}`), 0o644)
	clash := filepath.Join(dir, "clash.yaml")
	os.WriteFile(clash, []byte(spec30+"    NexpayError: {type: string}\n"), 0o644)
	v30 := filepath.Join(dir, "v30.yaml")
	os.WriteFile(v30, []byte(spec30), 0o644)
	badCode := filepath.Join(dir, "code.yaml")
	os.WriteFile(badCode, []byte("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      x-errkit-codes: [PAY9999]\n      responses: {'200': {description: ok}}\n"), 0o644)
	badRef := filepath.Join(dir, "ref.yaml")
	os.WriteFile(badRef, []byte("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      responses: {'404': {$ref: '#/components/responses/Nope'}}\n"), 0o644)

	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no command", nil, 2, "Usage:"},
		{"unknown command", []string{"lint"}, 2, `unknown command "lint"`},
		{"unknown contract", []string{"openapi", "--contract", "stripe"}, 2, `errkit openapi: --contract: unknown contract "stripe" (known: cryptopay, nexpay, nexpay-legacy, nextapi, payout, problem)`},
		{"unknown contract docs", []string{"docs", "--contract", "stripe"}, 2, `errkit docs: --contract: unknown contract "stripe" (known: cryptopay, nexpay, nexpay-legacy, nextapi, payout, problem)`},
		{"unknown version", []string{"openapi", "--version", "2.0"}, 2, `errkit openapi: --version: unknown version "2.0" (want 3.1 or 3.0)`},
		{"unknown format", []string{"openapi", "--format", "xml"}, 2, `errkit openapi: --format: unknown format "xml" (want yaml or json)`},
		{"unknown flag", []string{"openapi", "--verbose"}, 2, "flag provided but not defined: -verbose"},
		{"stray argument", []string{"openapi", "spec.yaml"}, 2, `unexpected argument "spec.yaml"`},
		{"stray argument docs", []string{"docs", "x"}, 2, `unexpected argument "x"`},
		{"missing spec", []string{"openapi", "--merge", filepath.Join(dir, "nope.yaml")}, 1, "--merge " + filepath.Join(dir, "nope.yaml") + ": open"},
		{"unknown code", []string{"openapi", "--merge", badCode}, 1, "GET /p: x-errkit-codes: unknown code \"PAY9999\""},
		{"undefined ref", []string{"openapi", "--merge", badRef}, 1, "the spec refers to components.responses.Nope, which neither it nor the contract defines"},
		{"unwritable -o", []string{"openapi", "-o", filepath.Join(dir, "no", "such", "dir.yaml")}, 1, "errkit openapi: -o: "},
		{"unparsable spec", []string{"openapi", "--merge", broken}, 1, "broken.yaml: the spec does not parse"},
		{"swagger spec", []string{"openapi", "--merge", swagger}, 1, `swagger.json: the spec's version "" is not OpenAPI 3.0 or 3.1`},
		{"clash", []string{"openapi", "--merge", clash}, 1, "the spec has its own components.schemas.NexpayError;"},
		{"version mismatch", []string{"openapi", "--merge", v30, "--version", "3.1"}, 2, "--version 3.1: " + v30 + " is OpenAPI 3.0.3: drop --version or convert the spec"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			if !strings.Contains(stderr, tt.err) {
				t.Errorf("stderr %q does not say %q", stderr, tt.err)
			}
			if out != "" {
				t.Errorf("wrote %d bytes to stdout on failure", len(out))
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, arg := range []string{"help", "-h", "--help"} {
		code, out, _ := runCLI(t, arg)
		if code != 0 || !strings.Contains(out, "errkit openapi") {
			t.Errorf("%s: exit %d, %q", arg, code, out)
		}
	}
	// Every command's -h and --help print its flags and exit 0, whatever
	// else the command line holds.
	for cmd, flag := range map[string]string{"openapi": "-merge", "docs": "-contract", "gen": "-package"} {
		for _, args := range [][]string{{cmd, "-h"}, {cmd, "--help"}, {cmd, "-help"}, {cmd, "--contract", "nope", "-h"}, {"help", cmd}} {
			code, out, stderr := runCLI(t, args...)
			if code != 0 || !strings.Contains(out, "usage: errkit "+cmd) || !strings.Contains(out, flag) || stderr != "" {
				t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, stderr)
			}
		}
	}
}

func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "spec.yaml")
	os.WriteFile(spec, []byte(spec30), 0o644)
	_, want, _ := runCLI(t, "openapi", "--merge", spec)
	// -o may name the input: it is read whole before it is replaced.
	if code, out, stderr := runCLI(t, "openapi", "--merge", spec, "-o", spec); code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, stderr)
	}
	got, err := os.ReadFile(spec)
	if err != nil || string(got) != want {
		t.Fatalf("-o wrote %d bytes, want the %d of stdout (%v)", len(got), len(want), err)
	}
	// Again: the merge is idempotent, so the file does not change.
	runCLI(t, "openapi", "--merge", spec, "-o", spec)
	if again, _ := os.ReadFile(spec); string(again) != want {
		t.Error("merging the output into itself changed it")
	}
	md := filepath.Join(dir, "codes.md")
	if code, _, _ := runCLI(t, "docs", "-o", md); code != 0 {
		t.Fatal("docs -o failed")
	}
	if b, _ := os.ReadFile(md); string(b) != apierr.Nexpay.Catalogue().Markdown() {
		t.Error("docs -o did not write the table")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("-o left files behind: %v", entries)
	}
}

func TestContracts(t *testing.T) {
	for name, c := range contracts {
		if c.Name() != name {
			t.Errorf("contract %q is named %q", name, c.Name())
		}
		if _, err := openapi.Document(c, openapi.V31); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
