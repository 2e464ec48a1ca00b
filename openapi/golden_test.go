package openapi

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/errkit/errkit/apierr"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden keeps testdata/nexpay-<version>.<format> equal to what the
// package generates: run go test ./openapi -update after changing the
// catalogue or the schemas, and review the diff.
func TestGolden(t *testing.T) {
	for _, v := range versions {
		doc := mustDocument(t, apierr.Nexpay, v)
		for _, f := range []Format{YAML, JSON} {
			got, err := Marshal(doc, f)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "nexpay-"+string(v)+"."+string(f))
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./openapi -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is out of date: run go test ./openapi -update and review the diff", path)
			}
		}
	}
}

// TestMarshalDeterministic checks two runs give the same bytes.
func TestMarshalDeterministic(t *testing.T) {
	for _, f := range []Format{YAML, JSON} {
		a, _ := Marshal(mustDocument(t, apierr.Nexpay, V31), f)
		b, _ := Marshal(mustDocument(t, apierr.Nexpay, V31), f)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs differ", f)
		}
		if !bytes.HasPrefix(a, []byte(map[Format]string{YAML: "openapi: 3.1.0\ninfo:", JSON: "{\n  \"openapi\": \"3.1.0\",\n  \"info\":"}[f])) {
			t.Errorf("%s: does not start with openapi and info:\n%.80s", f, a)
		}
	}
	if _, err := Marshal(mustDocument(t, apierr.Nexpay, V31), "toml"); err == nil {
		t.Error("format toml accepted")
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Version{"3.1": V31, "3.1.0": V31, "3.1.1": V31, "3.0": V30, "3.0.3": V30} {
		if got, err := ParseVersion(in); err != nil || got != want {
			t.Errorf("ParseVersion(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "3", "2.0", "3.2", "3.10", "v3.1"} {
		if _, err := ParseVersion(in); err == nil {
			t.Errorf("ParseVersion(%q) accepted", in)
		}
	}
	for in, want := range map[string]Format{"yaml": YAML, "yml": YAML, "json": JSON} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("ParseFormat(xml) accepted")
	}
}
