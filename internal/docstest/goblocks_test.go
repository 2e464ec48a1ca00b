package docstest

import (
	"fmt"
	"go/scanner"
	"go/token"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/internal/mdblocks"
	"github.com/errkit/errkit/internal/scratch"
)

// imports maps the package names fragments use to their import paths.
var imports = map[string]string{
	"apierr":          "github.com/errkit/errkit/apierr",
	"kit":             "github.com/errkit/errkit/apierr/kit",
	"nextapi":         "github.com/errkit/errkit/apierr/nextapi",
	"nexpaylegacy":    "github.com/errkit/errkit/apierr/nexpaylegacy",
	"payout":          "github.com/errkit/errkit/apierr/payout",
	"cryptopay":       "github.com/errkit/errkit/apierr/cryptopay",
	"problem":         "github.com/errkit/errkit/apierr/problem",
	"contracttest":    "github.com/errkit/errkit/apierr/contracttest",
	"middleware":      "github.com/errkit/errkit/middleware",
	"echomw":          "github.com/errkit/errkit/middleware/echomw",
	"idempotency":     "github.com/errkit/errkit/middleware/idempotency",
	"echoidempotency": "github.com/errkit/errkit/middleware/idempotency/echoidempotency",
	"validation":      "github.com/errkit/errkit/validation",
	"echovalidation":  "github.com/errkit/errkit/validation/echovalidation",
	"openapi":         "github.com/errkit/errkit/openapi",
	"echo":            "github.com/labstack/echo/v4",
	"echomiddleware":  "github.com/labstack/echo/v4/middleware",
	"chi":             "github.com/go-chi/chi/v5",
	"openapi3":        "github.com/getkin/kin-openapi/openapi3",
	"gin":             "github.com/gin-gonic/gin",
	"redis":           "github.com/redis/go-redis/v9",
	"redis_rate":      "github.com/go-redis/redis_rate/v10",
	"otel":            "go.opentelemetry.io/otel",
	"otelhttp":        "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp",
	"validator":       "github.com/go-playground/validator/v10",
	"rate":            "golang.org/x/time/rate",
	"http":            "net/http",
	"slog":            "log/slog",
	"json":            "encoding/json",
	"log":             "log",
	"time":            "time",
	"errors":          "errors",
	"fmt":             "fmt",
	"context":         "context",
	"testing":         "testing",
	"os":              "os",
	"io":              "io",
	"strings":         "strings",
	"sha256":          "crypto/sha256",
	"sha512":          "crypto/sha512",
}

// addModulePackages adds errkit's public packages to imports, by name,
// where the name is not taken: a fragment may use any of them.
func addModulePackages(t *testing.T, root string) {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command(goBin, "list", "-f", "{{.Name}} {{.ImportPath}}", "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		name, path, _ := strings.Cut(l, " ")
		if name == "main" || strings.Contains(path, "/internal") || strings.Contains(path, "/examples") || imports[name] != "" {
			continue
		}
		imports[name] = path
	}
}

// stubs are the names a reader's own program would have, for fragments.
const stubs = `package frag

import (
	"net/http"

	"github.com/errkit/errkit/apierr"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v4"
)


var (
	w         http.ResponseWriter
	r         *http.Request
	e         *echo.Echo
	mux       *http.ServeMux
	legacyMux *http.ServeMux
	req       struct{}
	doc       *openapi3.T
	handler   http.Handler
)

type PaymentRequest struct{ PayeeID string }

func find(id string) (any, bool)                                   { return nil, false }
func create(req PaymentRequest) any                                 { return req }
func unknownPayee(id string) bool                                   { return false }
func writeJSON(w http.ResponseWriter, status int, v any) error       { return nil }
func translate(lang string, f apierr.FieldError) string             { return "" }
func isPixKey(fl validator.FieldLevel) bool                         { return true }

var mycontract = struct {
	Contract apierr.Contract
	NotFound apierr.Code
}{apierr.Nexpay, apierr.PAY0001}
`

// listen8080 matches the address a complete program listens on.
var listen8080 = regexp.MustCompile(`"(127\.0\.0\.1|localhost)?:8080"`)

// packageClause matches the package clause of a complete file.
var packageClause = regexp.MustCompile(`(?m)^package \w+\s*$`)

var topLevel = regexp.MustCompile(`(?m)^(func|type|var|const) `)

// usedPackages returns the package names of imports that src refers to
// (a name followed by a dot), outside comments and strings.
func usedPackages(src string) []string {
	var s scanner.Scanner
	fset := token.NewFileSet()
	f := fset.AddFile("", fset.Base(), len(src))
	s.Init(f, []byte(src), nil, 0)
	seen := map[string]bool{}
	prev, prevLit := token.ILLEGAL, ""
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.PERIOD && prev == token.IDENT && imports[prevLit] != "" {
			seen[prevLit] = true
		}
		prev, prevLit = tok, lit
	}
	var names []string
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// fragmentFile makes a Go file of a fragment.
func fragmentFile(src string) string {
	var b strings.Builder
	b.WriteString("package frag\n\n")
	if names := usedPackages(src); len(names) > 0 {
		b.WriteString("import (\n")
		for _, n := range names {
			if path.Base(imports[n]) == n || strings.HasSuffix(imports[n], "/"+n) {
				fmt.Fprintf(&b, "\t%q\n", imports[n])
			} else {
				fmt.Fprintf(&b, "\t%s %q\n", n, imports[n])
			}
		}
		b.WriteString(")\n\n")
	}
	if topLevel.MatchString(src) {
		b.WriteString(src)
	} else {
		b.WriteString("func _() error {\n" + src + "\treturn nil\n}\n")
	}
	return b.String()
}

// A goBlock is one Go block of a page, as a package of the scratch module.
type goBlock struct {
	where string // page:line
	dir   string // its directory in the scratch module
	addr  string // for a complete program that listens on :8080, the free address it listens on instead
}

// TestGoBlocks compiles every Go block of the README and docs/ in a module
// outside the repository that requires errkit, and runs the complete
// programs.
func TestGoBlocks(t *testing.T) {
	root := scratch.Root(t)
	pages, err := mdblocks.Pages(root)
	if err != nil {
		t.Fatal(err)
	}
	addModulePackages(t, root)
	d := scratch.New(t, root)
	var all []goBlock
	for _, page := range pages {
		blocks, err := mdblocks.Read(root, page)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range blocks {
			if b.Lang != "go" {
				continue
			}
			gb := goBlock{where: fmt.Sprintf("%s:%d", page, b.Line), dir: fmt.Sprintf("b%03d", len(all)+1)}
			if packageClause.MatchString(b.Text) {
				text := b.Text
				if listen8080.MatchString(text) {
					gb.addr = freeAddr(t)
					text = listen8080.ReplaceAllString(text, `"`+gb.addr+`"`)
				}
				d.Write(t, gb.dir+"/main.go", text)
			} else {
				d.Write(t, gb.dir+"/stubs.go", stubs)
				d.Write(t, gb.dir+"/block.go", fragmentFile(b.Text))
			}
			all = append(all, gb)
		}
	}
	if len(all) == 0 {
		t.Fatal("no Go block in the pages")
	}
	// As the README says: go mod tidy records what the programs import,
	// then they build with go.mod as it is. go build ./... type-checks
	// every block; with -o it would skip the fragments, which are not
	// commands.
	// -e: offline, tidy cannot fetch the test dependencies of dependencies,
	// which a build never needs.
	d.Run(t, "mod", "tidy", "-e")
	d.Setenv("GOFLAGS=-mod=readonly")
	if out, err := d.Try("build", "./..."); err != nil {
		if strings.Contains(out, "module lookup disabled") {
			t.Skipf("the module cache lacks a module:\n%s", out)
		}
		for _, gb := range all {
			if strings.Contains(out, gb.dir+"/") || strings.Contains(out, "user/"+gb.dir) {
				t.Errorf("the Go block at %s does not compile (%s)", gb.where, gb.dir)
			}
		}
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var programs []string
	for _, gb := range all {
		if gb.addr != "" {
			programs = append(programs, "./"+gb.dir)
		}
	}
	if len(programs) == 0 {
		t.Fatal("no page has a complete program that serves port 8080")
	}
	d.Run(t, append([]string{"build", "-o", "bin/"}, programs...)...)
	for _, gb := range all {
		if gb.addr != "" {
			t.Run(gb.where, func(t *testing.T) { runProgram(t, d, gb) })
		}
	}
}

// freeAddr returns a loopback address with a port free at the time.
func freeAddr(t *testing.T) string {
	// A port below the kernel's ephemeral range (32768 and up on Linux):
	// the program binds it only after it is built, and a port the kernel
	// handed out for ":0" could by then be another test's server, which
	// would answer in this program's place.
	for range 100 {
		addr := fmt.Sprintf("127.0.0.1:%d", 20000+rand.IntN(10000))
		l, err := net.Listen("tcp", addr)
		if err == nil {
			l.Close()
			return addr
		}
	}
	t.Fatal("no free port between 20000 and 29999")
	return ""
}

// runProgram runs a complete program, built to listen on gb.addr, and
// checks that it answers errors in the Nexpay v2 contract.
func runProgram(t *testing.T, d *scratch.Dir, gb goBlock) {
	addr := gb.addr
	cmd := exec.Command(filepath.Join(d.Path, "bin", gb.dir))
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

	do := func(method, path string) (int, string, error) {
		req, err := http.NewRequest(method, "http://"+addr+path, nil)
		if err != nil {
			return 0, "", err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), err
	}
	deadline := time.Now().Add(30 * time.Second) // guards a program that never listens; measures nothing
	for {
		if _, _, err := do("GET", "/v2/payments/42"); err == nil {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("%s never answered on %s: %v", gb.where, addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, c := range []struct {
		method, path string
		status       int
		code         string
	}{
		{"GET", "/v2/payments/42", 404, "PAY0001"},
		{"GET", "/v2/nothing", 404, "GEN9404"},
		{"DELETE", "/v2/payments/42", 405, "GEN9405"},
	} {
		status, body, err := do(c.method, c.path)
		if err != nil {
			t.Fatal(err)
		}
		if status != c.status || !strings.Contains(body, `"code":"[`+c.code+`]"`) || !strings.Contains(body, `"statusCode":`+strconv.Itoa(c.status)) {
			t.Errorf("%s: %s %s answered %d %s, want %d [%s] in the Nexpay v2 body", gb.where, c.method, c.path, status, body, c.status, c.code)
		}
	}
}
