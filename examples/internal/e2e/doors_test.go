package e2e_test

import (
	"os"
	"strings"
	"testing"

	"github.com/errkit/errkit/examples/internal/e2e"
)

// The sandboxes, one per door: echo v4, net/http, echo v5 and gin.
var sandboxes = []string{"../../nexpay", "../../nethttp", "../../echov5", "../../gin"}

// TestDoors builds the four sandboxes in one go build, runs the
// end-to-end table against each, side by side, then sends the same
// requests through the four and compares their answers: any difference
// must be listed, with its reason, in docs/doors.md.
func TestDoors(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end: builds and runs the server binaries")
	}
	page, err := os.ReadFile("../../../docs/doors.md")
	if err != nil {
		t.Fatal(err)
	}
	bins := e2e.BuildAll(t, sandboxes...)
	for _, name := range []string{"nexpay", "nethttp", "echov5", "gin"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e2e.RunBinary(t, bins[name])
		})
	}
	t.Run("parity", func(t *testing.T) {
		t.Parallel() // on servers of its own
		e2e.Parity(t, bins, e2e.ParseDifferences(page))
	})
}

// TestDoorsPage checks that docs/doors.md shows each quick start as it is
// in examples/quickstart, where it is built and tested.
func TestDoorsPage(t *testing.T) {
	page, err := os.ReadFile("../../../docs/doors.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, door := range []string{"echo", "echov5", "nethttp", "chi", "gin"} {
		src, err := os.ReadFile("../../quickstart/" + door + "/main.go")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), "```go\n"+string(src)+"```\n") {
			t.Errorf("docs/doors.md does not show examples/quickstart/%s/main.go as it is", door)
		}
	}
	if ds := e2e.ParseDifferences(page); len(ds) == 0 {
		t.Error("docs/doors.md lists no differences: the parity test would read none")
	}
}
