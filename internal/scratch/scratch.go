// Package scratch makes throwaway Go modules outside the repository that use
// errkit as a user's module would, for the tests of the docs and the CLI.
// They build offline, from the module cache the repository's own build
// filled.
package scratch

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Module is errkit's module path.
const Module = "github.com/errkit/errkit"

// A Dir is a scratch module on disk.
type Dir struct {
	Path string   // the module's directory
	Env  []string // the environment its go commands run with
	Go   string   // the go command
}

// Root returns the repository's root directory, found from the working
// directory upwards.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && GoModModule(string(b)) == Module {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod of %s above the working directory", Module)
		}
		dir = parent
	}
}

var moduleRe = regexp.MustCompile(`(?m)^module\s+(\S+)`)
var goRe = regexp.MustCompile(`(?m)^go\s+(\S+)`)

// GoModModule returns the module path a go.mod declares.
func GoModModule(gomod string) string {
	if m := moduleRe.FindStringSubmatch(gomod); m != nil {
		return m[1]
	}
	return ""
}

// GoVersion returns the version of a go.mod's go line.
func GoVersion(gomod string) string {
	if m := goRe.FindStringSubmatch(gomod); m != nil {
		return m[1]
	}
	return ""
}

// New makes a module example.com/user that requires errkit, replaced by the
// repository at root, with the repository's go.sum so that nothing needs
// to be looked up. Its go commands run with -mod=mod and no proxy: what the
// module cache lacks fails instead of reaching the network.
func New(t testing.TB, root string) *Dir {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	d := &Dir{Path: t.TempDir(), Go: goBin}
	mod := "module example.com/user\n\ngo " + GoVersion(string(gomod)) + "\n\n" +
		"require " + Module + " v0.0.0-00010101000000-000000000000\n\n" +
		"replace " + Module + " => " + filepath.ToSlash(root) + "\n"
	d.Write(t, "go.mod", mod)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	d.Write(t, "go.sum", string(sum))
	d.Env = Env("GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
	return d
}

// Env returns the process's environment with the given variables set,
// replacing any value they had.
func Env(set ...string) []string { return setEnv(os.Environ(), set...) }

// Setenv sets variables of the environment the module's go commands run
// with, replacing any value they had.
func (d *Dir) Setenv(set ...string) { d.Env = setEnv(d.Env, set...) }

func setEnv(base []string, set ...string) []string {
	var env []string
	for _, kv := range base {
		k, _, _ := strings.Cut(kv, "=")
		keep := true
		for _, s := range set {
			if sk, _, _ := strings.Cut(s, "="); sk == k {
				keep = false
			}
		}
		if keep {
			env = append(env, kv)
		}
	}
	return append(env, set...)
}

// Write writes a file of the module, making its directory.
func (d *Dir) Write(t testing.TB, name, content string) {
	t.Helper()
	p := filepath.Join(d.Path, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Run runs the go command with args in the module and returns its combined
// output; it fails the test when the command fails. A missing module in
// the cache skips the test instead, saying which.
func (d *Dir) Run(t testing.TB, args ...string) string {
	t.Helper()
	out, err := d.Try(args...)
	if err != nil {
		if strings.Contains(out, "module lookup disabled") {
			t.Skipf("the module cache lacks a module (go %s):\n%s", strings.Join(args, " "), out)
		}
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// Try runs the go command with args in the module and returns its combined
// output and error.
func (d *Dir) Try(args ...string) (string, error) {
	cmd := exec.Command(d.Go, args...)
	cmd.Dir = d.Path
	cmd.Env = d.Env
	out, err := cmd.CombinedOutput()
	return string(out), err
}
