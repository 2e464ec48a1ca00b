package openapi

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
)

func TestLoadFileExternalRefs(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "schemas.yaml"), []byte("Payment:\n  type: object\n  properties:\n    id: {type: string}\n"), 0o644)
	spec := filepath.Join(dir, "api.yaml")
	os.WriteFile(spec, []byte(`openapi: 3.1.0
info: {title: P, version: "1"}
paths:
  /p:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: './schemas.yaml#/Payment'}
`), 0o644)
	doc, err := LoadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	op := doc.Paths.Value("/p").Get
	if err := AddResponses(doc, op, apierr.Nexpay, apierr.PAY0001); err != nil {
		t.Fatal(err)
	}
	if err := Validate(doc); err != nil {
		t.Fatal(err)
	}
	out, err := Marshal(doc, YAML)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "./schemas.yaml#/Payment") {
		t.Errorf("the external reference was not kept:\n%s", out)
	}
	if _, err := LoadFile(filepath.Join(dir, "nope.yaml")); err == nil {
		t.Error("a missing file loaded")
	}
	os.WriteFile(spec, []byte("openapi: 3.1.0\ninfo: {title: P, version: '1'}\ncomponents:\n  schemas:\n    A: {$ref: 'http://example.com/a.yaml'}\n"), 0o644)
	if _, err := LoadFile(spec); err == nil {
		t.Error("a remote reference was followed")
	}
}
