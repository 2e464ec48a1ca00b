package main

import (
	"archive/zip"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errkit/errkit/internal/scratch"
)

// userSpec is an OpenAPI document of a user's own, merged by relative path.
const userSpec = `openapi: 3.1.0
info: {title: Payments, version: 1.0.0}
paths: {}
`

// checkCLI runs an installed errkit from a user's module, as the README
// says: the code table, and a merge of the user's spec named relative to
// the user's directory.
func checkCLI(t *testing.T, d *scratch.Dir, errkit ...string) {
	t.Helper()
	run := func(args ...string) string {
		t.Helper()
		full := append(append([]string{}, errkit...), args...)
		if full[0] == "go" {
			return d.Run(t, full[1:]...)
		}
		cmd := execCommand(full[0], full[1:]...)
		cmd.Dir, cmd.Env = d.Path, d.Env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(full, " "), err, out)
		}
		return string(out)
	}
	if out := run("docs", "--contract", "nextapi"); !strings.Contains(out, "| `INSUFFICIENT_FUNDS` | Account available balance is too low | 422 |") {
		t.Errorf("errkit docs from a user's module:\n%s", out)
	}
	d.Write(t, "api/openapi.yaml", userSpec)
	if out := run("openapi", "--merge", "api/openapi.yaml"); !strings.Contains(out, "NexpayError:") || !strings.Contains(out, "title: Payments") {
		t.Errorf("errkit openapi --merge from a user's module:\n%.2000s", out)
	}
}

// TestToolFromUserModule adds errkit to a user's module as a tool, as the
// README says (go get -tool), and runs it with go tool.
func TestToolFromUserModule(t *testing.T) {
	d := scratch.New(t, scratch.Root(t))
	d.Run(t, "get", "-tool", scratch.Module+"/cmd/errkit")
	gomod, err := os.ReadFile(filepath.Join(d.Path, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(gomod), "tool "+scratch.Module+"/cmd/errkit") {
		t.Fatalf("go get -tool left go.mod without the tool line:\n%s", gomod)
	}
	checkCLI(t, d, "go", "tool", "errkit")
}

// TestInstallLatest installs errkit with go install ...@latest, as the README
// says, from a module proxy on disk that serves this repository as errkit's
// latest version and the module cache for everything else. It runs with a
// module cache of its own, so that the version it makes up never reaches the
// real one.
func TestInstallLatest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds errkit's dependencies in a fresh module cache")
	}
	root := scratch.Root(t)
	d := scratch.New(t, root)
	realCache, err := d.Try("env", "GOMODCACHE")
	if err != nil {
		t.Fatal(err)
	}
	download := filepath.Join(strings.TrimSpace(realCache), "cache", "download")
	if _, err := os.Stat(download); err != nil {
		t.Skipf("no module cache to serve the dependencies from: %v", err)
	}

	const version = "v0.1.0-installtest"
	proxy := t.TempDir()
	at := filepath.Join(proxy, filepath.FromSlash(scratch.Module), "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{
		"list":            version + "\n",
		version + ".info": `{"Version":"` + version + `","Time":"2026-12-01T00:00:00Z"}`,
		version + ".mod":  string(gomod),
	} {
		if err := os.WriteFile(filepath.Join(at, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	moduleZip(t, root, scratch.Module+"@"+version, filepath.Join(at, version+".zip"))

	cache := t.TempDir()
	bin := t.TempDir()
	d.Env = scratch.Env(
		"GOPROXY=file://"+filepath.ToSlash(proxy)+",file://"+filepath.ToSlash(download),
		"GOSUMDB=off", "GOFLAGS=", "GOWORK=off", "GOTOOLCHAIN=local",
		"GOMODCACHE="+cache, "GOBIN="+bin)
	t.Cleanup(func() { d.Try("clean", "-modcache") }) // the cache's files are read-only
	d.Run(t, "install", scratch.Module+"/cmd/errkit@latest")
	checkCLI(t, d, filepath.Join(bin, "errkit"))
}

// moduleZip writes the module zip of the repository at root, as a proxy
// serves it: every file under the prefix module@version/, leaving out
// nested modules (bench), version control and hidden directories.
func moduleZip(t *testing.T, root, prefix, dst string) {
	t.Helper()
	f, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	err = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		if e.IsDir() {
			if path == root {
				return nil
			}
			if strings.HasPrefix(e.Name(), ".") || e.Name() == "vendor" {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // a module of its own
			}
			return nil
		}
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			return nil
		}
		w, err := zw.Create(prefix + "/" + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		src, err := os.Open(path)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(w, src)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

var execCommand = exec.Command
