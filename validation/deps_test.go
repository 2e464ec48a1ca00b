package validation_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoEcho checks that net/http users of this package never compile echo.
func TestNoEcho(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(gobin, "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.Contains(p, "labstack") {
			t.Errorf("package validation depends on %s", p)
		}
	}
}
