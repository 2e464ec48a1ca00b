// Package layout holds the test that keeps the arrows of the package
// layout pointing one way: no package compiles what it must not.
package layout

import (
	"os/exec"
	"strings"
	"testing"
)

// frameworks are the web frameworks of the doors: only a door's own
// packages (and the programs built on them) compile one.
var frameworks = []string{"github.com/labstack/", "github.com/gin-gonic/", "github.com/go-chi/"}

// forbidden lists, per package, the dependencies it must never have:
// net/http users never compile echo or gin, one door never compiles
// another's framework, the middleware and the echo doors never compile
// validation (nor validator/v10), importing apierr, middleware, validation
// or a door never compiles go-redis (only redisstore does) nor
// OpenTelemetry (only telemetry does), and the model never compiles the
// packages built on it.
var forbidden = map[string][]string{
	"github.com/errkit/errkit/apierr":                                   append([]string{"github.com/go-playground/", "github.com/getkin/", "github.com/errkit/errkit/middleware", "github.com/errkit/errkit/validation", "github.com/errkit/errkit/openapi", redis, goRedis, redisstore, otel}, frameworks...),
	"github.com/errkit/errkit/validation":                               append([]string{"github.com/errkit/errkit/middleware", "github.com/errkit/errkit/openapi", redis, goRedis, redisstore, otel}, frameworks...),
	"github.com/errkit/errkit/middleware":                               append([]string{"github.com/getkin/", "github.com/go-playground/", "github.com/errkit/errkit/validation", "github.com/errkit/errkit/openapi", redis, goRedis, redisstore, otel}, frameworks...),
	"github.com/errkit/errkit/middleware/idempotency":                   append([]string{"github.com/getkin/", "github.com/go-playground/", "github.com/errkit/errkit/validation", redis, goRedis, redisstore, otel}, frameworks...),
	"github.com/errkit/errkit/auth":                                     append([]string{redis, goRedis, redisstore, otel}, frameworks...),
	"github.com/errkit/errkit/auth/echoauth":                            {"github.com/gin-gonic/", "github.com/labstack/echo/v5", redis, goRedis, redisstore, otel},
	"github.com/errkit/errkit/auth/echov5auth":                          {"github.com/gin-gonic/", "github.com/labstack/echo/v4", redis, goRedis, redisstore, otel},
	"github.com/errkit/errkit/auth/ginauth":                             {"github.com/labstack/", redis, goRedis, redisstore, otel},
	"github.com/errkit/errkit/redisstore":                               append([]string{"github.com/getkin/", "github.com/go-playground/", "github.com/errkit/errkit/validation", "github.com/errkit/errkit/openapi"}, frameworks...),
	"github.com/errkit/errkit/examples/nethttp":                         frameworks,
	"github.com/errkit/errkit/middleware/echomw":                        {"github.com/go-playground/", "github.com/errkit/errkit/validation", "github.com/gin-gonic/", "github.com/labstack/echo/v5", redis, goRedis, redisstore, otel},
	"github.com/errkit/errkit/middleware/echov5mw":                      {"github.com/go-playground/", "github.com/errkit/errkit/validation", "github.com/gin-gonic/", "github.com/labstack/echo/v4", redis, goRedis, redisstore, otel},
	"github.com/errkit/errkit/middleware/ginmw":                         {"github.com/errkit/errkit/validation", "github.com/labstack/", redis, goRedis, redisstore, otel},
	"github.com/errkit/errkit/validation/echovalidation":                {"github.com/gin-gonic/", "github.com/labstack/echo/v5"},
	"github.com/errkit/errkit/validation/echov5validation":              {"github.com/gin-gonic/", "github.com/labstack/echo/v4"},
	"github.com/errkit/errkit/validation/ginvalidation":                 {"github.com/labstack/"},
	"github.com/errkit/errkit/middleware/idempotency/echov5idempotency": {"github.com/go-playground/", "github.com/errkit/errkit/validation", "github.com/gin-gonic/", "github.com/labstack/echo/v4"},
	"github.com/errkit/errkit/middleware/idempotency/ginidempotency":    {"github.com/errkit/errkit/validation", "github.com/labstack/"},
	"github.com/errkit/errkit/examples/echov5":                          {"github.com/gin-gonic/", "github.com/labstack/echo/v4"},
	"github.com/errkit/errkit/examples/gin":                             {"github.com/labstack/"},
	"github.com/errkit/errkit/openapi":                                  frameworks,
	// OpenTelemetry is built by the telemetry package alone, which builds
	// no framework and no exporter.
	"github.com/errkit/errkit/telemetry": append([]string{"github.com/getkin/", "github.com/prometheus/", "go.opentelemetry.io/otel/sdk", "go.opentelemetry.io/otel/exporters/"}, frameworks...),
}

// The shared-state packages: go-redis, redis_rate, and errkit's own.
const (
	redis      = "github.com/redis/"
	goRedis    = "github.com/go-redis/"
	redisstore = "github.com/errkit/errkit/redisstore"
)

// OpenTelemetry, which only the telemetry package builds.
const otel = "go.opentelemetry.io/"

func TestLayout(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	for pkg, bad := range forbidden {
		out, err := exec.Command(gobin, "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, b := range bad {
				if strings.HasPrefix(dep, b) {
					t.Errorf("%s depends on %s", pkg, dep)
				}
			}
		}
	}
}

// apierr, its kit and the contract packages need only the standard library
// (and each other): a handler author who returns apierr errors compiles no
// third-party module.
func TestModelNeedsOnlyStdlib(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(gobin, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "github.com/errkit/errkit/apierr/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		// Two module-internal packages are shared with the rest of the
		// module, and are standard library only themselves
		// (TestSharedNeedOnlyStdlib): the catalogue generator that
		// go generate runs, and the request-ID rule middleware shares.
		if sharedWithApierr[dep] {
			continue
		}
		if dep != "github.com/errkit/errkit/apierr" && !strings.HasPrefix(dep, "github.com/errkit/errkit/apierr/") {
			t.Errorf("a package of apierr depends on %s", dep)
		}
	}
}

// sharedWithApierr lists the module-internal packages apierr may import:
// the catalogue generator (shared by apierr's go generate and the errkit
// command) and the request-ID rule (shared with middleware).
var sharedWithApierr = map[string]bool{
	"github.com/errkit/errkit/internal/gencodes": true,
	"github.com/errkit/errkit/internal/reqid":    true,
}

// TestSharedNeedOnlyStdlib holds the packages apierr shares with the rest
// of the module to the standard library.
func TestSharedNeedOnlyStdlib(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	for pkg := range sharedWithApierr {
		out, err := exec.Command(gobin, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list: %v\n%s", err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep != pkg {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}
