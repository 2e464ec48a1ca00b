package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errkit/errkit/openapi"
)

// TestMain runs the command itself when the test binary is started by
// runIsolated: --codes registers codes in the process's catalogues, which
// the other tests must not see.
func TestMain(m *testing.M) {
	if os.Getenv("ERRKIT_CLI_TEST") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// runIsolated runs the command line in a process of its own.
func runIsolated(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "ERRKIT_CLI_TEST=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String(), errOut.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, out.String(), errOut.String()
}

const acmeCodes = "internal/acme/codes.txt"

func TestGen(t *testing.T) {
	want, err := os.ReadFile("internal/acme/codes_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, "gen", "--codes", acmeCodes, "--package", "acme")
	if code != 0 || out != string(want) {
		t.Fatalf("exit %d, stderr %s; stdout differs from internal/acme/codes_gen.go", code, stderr)
	}
	// -o names the package by its directory.
	dir := filepath.Join(t.TempDir(), "acme")
	os.Mkdir(dir, 0o755)
	if code, _, stderr := runCLI(t, "gen", "--codes", acmeCodes, "-o", filepath.Join(dir, "codes_gen.go")); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "codes_gen.go")); !bytes.Equal(got, want) {
		t.Error("-o wrote another file")
	}

	bad := filepath.Join(t.TempDir(), "bad.txt")
	os.WriteFile(bad, []byte("module\tACM\tAcme\ncode\tACM001\t409\tShort\n"), 0o644)
	ownCode := filepath.Join(t.TempDir(), "own.txt")
	os.WriteFile(ownCode, []byte("# Acme\nmodule\tACM\tAcme\nmodule\tPAY\tPayments\ncode\tACM0001\t423\tLedger locked\ncode\tPAY0001\t404\tPayment not found\n"), 0o644)
	ownExt := filepath.Join(t.TempDir(), "ext.txt")
	os.WriteFile(ownExt, []byte("module\tGEN\tGeneral\n\next\tGEN9001\t503\tDown\tOurs.\n"), 0o644)
	for _, tt := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"gen"}, 2, "errkit gen: --codes: name the codes file to read (--codes codes.txt)"},
		{[]string{"gen", "--codes", acmeCodes}, 2, "errkit gen: --package: name the Go package to write (--package acme)"},
		{[]string{"gen", "--codes", acmeCodes, "--package", "func"}, 2, `errkit gen: --package: "func" is not a Go package name`},
		{[]string{"gen", "--codes", "nope.txt", "--package", "acme"}, 1, "errkit gen: --codes: open nope.txt"},
		{[]string{"gen", "--codes", bad, "--package", "acme"}, 1, "bad.txt: line 2: code \"ACM001\" is not 3 capitals and 4 digits"},
		// A code of errkit's own catalogue, even as errkit has it: the
		// generated package would register it twice and panic.
		{[]string{"gen", "--codes", ownCode, "--package", "acme"}, 1, "errkit gen: --codes " + ownCode + `: line 5: PAY0001 is a code of errkit's own catalogue already (404 "Payment not found"): give your code an ID of a module of your own (module ACM, code ACM0001), or return apierr.PAY0001 where errkit's code is meant`},
		{[]string{"gen", "--codes", ownExt, "--package", "acme"}, 1, "errkit gen: --codes " + ownExt + `: line 3: GEN9001 is a code of errkit's own catalogue already (500 "Internal server error")`},
	} {
		code, out, stderr := runCLI(t, tt.args...)
		if code != tt.code || out != "" || !strings.Contains(stderr, tt.says) {
			t.Errorf("%v: exit %d, stderr %q, want %d saying %q", tt.args, code, stderr, tt.code, tt.says)
		}
	}
	// Refused, -o is left as it was.
	if code, _, _ := runCLI(t, "gen", "--codes", ownCode, "-o", filepath.Join(dir, "codes_gen.go")); code != 1 {
		t.Errorf("own code with -o: exit %d", code)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "codes_gen.go")); !bytes.Equal(got, want) {
		t.Error("a refused codes file overwrote -o")
	}
}

// TestCodesFlag documents a team's codes: the table lists them, and a
// merged spec's x-errkit-codes may name them.
func TestCodesFlag(t *testing.T) {
	code, out, stderr := runIsolated(t, "docs", "--codes", acmeCodes)
	if code != 0 || !strings.Contains(out, "| `[ACM0001]` | Ledger locked | 423 | Acme ledger |") || !strings.Contains(out, "`[ACM0003]`") {
		t.Fatalf("docs --codes: exit %d, %s\n%s", code, stderr, out)
	}
	spec := filepath.Join(t.TempDir(), "spec.yaml")
	os.WriteFile(spec, []byte(`openapi: 3.1.0
info: {title: Ledger, version: "1"}
paths:
  /ledger/{id}/post:
    post:
      x-errkit-codes: [ACM0001, ACM0002, PAY0001]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: Posted.}
`), 0o644)
	code, out, stderr = runIsolated(t, "openapi", "--merge", spec, "--codes", acmeCodes)
	if code != 0 {
		t.Fatalf("openapi --codes: exit %d: %s", code, stderr)
	}
	doc, err := openapi.Load([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	op := doc.Paths.Value("/ledger/{id}/post").Post
	for status, id := range map[string]string{"423": "ACM0001", "409": "ACM0002", "404": "PAY0001"} {
		r := op.Responses.Value(status)
		if r == nil || r.Value.Content["application/json"].Examples[id] == nil {
			t.Errorf("%s: no example of %s", status, id)
		}
	}
	// Without --codes, the team's codes are unknown.
	code, _, stderr = runIsolated(t, "openapi", "--merge", spec)
	if code != 1 || !strings.Contains(stderr, `x-errkit-codes: unknown code "ACM0001"`) {
		t.Errorf("without --codes: exit %d, %s", code, stderr)
	}
	// A code that clashes with the catalogue's is refused, naming both.
	clash := filepath.Join(t.TempDir(), "clash.txt")
	os.WriteFile(clash, []byte("module\tPAY\tPayments\ncode\tPAY0001\t409\tSomething else\n"), 0o644)
	code, _, stderr = runIsolated(t, "openapi", "--codes", clash)
	if code != 1 || !strings.Contains(stderr, `errkit openapi: --codes: `+clash+`: PAY0001 is a code of the nexpay catalogue already, as 404 "Payment not found"`) {
		t.Errorf("clash: exit %d, %s", code, stderr)
	}
	// errkit's own catalogue source is the same format: its codes are
	// there already, and nothing changes.
	code, out, _ = runIsolated(t, "docs", "--codes", "../../apierr/codes.txt")
	_, plain, _ := runCLI(t, "docs")
	if code != 0 || out != plain {
		t.Error("--codes apierr/codes.txt changed the table")
	}
	// gen's help, and every command's.
	for _, cmd := range []string{"gen", "openapi", "docs"} {
		if code, out, _ := runCLI(t, cmd, "--help"); code != 0 || !strings.Contains(out, "-codes") {
			t.Errorf("%s --help: exit %d, %q", cmd, code, out)
		}
	}
}
