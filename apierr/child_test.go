package apierr_test

import (
	"os"
	"os/exec"
	"testing"
)

// isolated runs the calling test again in a child process and reports
// whether this is the child. Tests that register codes use it, so the
// catalogue of every other test stays the built-in one.
func isolated(t *testing.T) bool {
	t.Helper()
	if os.Getenv("APIERR_ISOLATED") == t.Name() {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), "APIERR_ISOLATED="+t.Name())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("isolated run: %v\n%s", err, out)
	}
	return false
}
