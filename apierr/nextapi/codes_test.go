package nextapi

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// TestCatalogueMatchesPublishedTable checks every row of the provider's tables, copied
// verbatim into testdata, against the catalogue: ID, status, message and
// resolution; and that the catalogue has no other provider code.
func TestCatalogueMatchesPublishedTable(t *testing.T) {
	f, err := os.Open("testdata/nextapi_codes.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[apierr.Code]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), " | ")
		if len(cols) != 4 || cols[0] == "| Code" {
			continue
		}
		id, desc, resolution := cols[0], cols[2], strings.TrimSuffix(cols[3], " |")
		status, err := strconv.Atoi(cols[1])
		if err != nil {
			t.Fatalf("row %q: %v", sc.Text(), err)
		}
		t.Run(id, func(t *testing.T) {
			code, ok := catalogue.Lookup(id)
			if !ok {
				t.Fatalf("%s is not in the catalogue", id)
			}
			seen[code] = true
			if code.Status() != status || code.Message() != desc || Resolution(code) != resolution || code.Extension() {
				t.Errorf("%s = %d %q %q ext=%v, the published table says %d %q %q", id, code.Status(), code.Message(), Resolution(code), code.Extension(), status, desc, resolution)
			}
		})
	}
	if len(seen) != 17 {
		t.Errorf("published rows matched %d codes, want 17", len(seen))
	}
	for _, code := range catalogue.Codes() {
		if !code.Extension() && !seen[code] {
			t.Errorf("%s is not in the published tables and not marked as an extension", code)
		}
		if code.Extension() && Resolution(code) != "" {
			t.Errorf("%s: extension with a resolution", code)
		}
	}
}

func TestCheckID(t *testing.T) {
	for _, id := range []string{"", "_A", "A_", "lower", "A-B", "A B"} {
		if checkID(id) == nil {
			t.Errorf("checkID(%q) accepted", id)
		}
	}
	if _, err := catalogue.Register(apierr.Spec{ID: "INSUFFICIENT_FUNDS", Status: 422, Message: "x"}); err == nil {
		t.Error("duplicate ID accepted")
	}
}
