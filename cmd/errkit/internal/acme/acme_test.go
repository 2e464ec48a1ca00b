package acme

import (
	"errors"
	"os"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/gencodes"
)

// TestGeneratedIsCurrent holds codes_gen.go to what errkit gen makes of
// codes.txt.
func TestGeneratedIsCurrent(t *testing.T) {
	src, err := os.ReadFile("codes.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, err := gencodes.GenerateTeam(src, "acme", "codes.txt")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("codes_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatal("codes_gen.go is stale: run go generate ./cmd/errkit/internal/acme")
	}
}

// TestCodes checks each generated code against codes.txt, and that it
// works as a Nexpay v2 code: looked up, matched by errors.Is, rendered.
func TestCodes(t *testing.T) {
	src, _ := os.ReadFile("codes.txt")
	_, codes, err := gencodes.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]apierr.Code{"ACM0001": ACM0001, "ACM0002": ACM0002, "ACM0003": ACM0003, "ACM9001": ACM9001}
	if len(codes) != len(vars) {
		t.Fatalf("%d codes in codes.txt, %d variables", len(codes), len(vars))
	}
	cat := apierr.Nexpay.Catalogue()
	for _, c := range codes {
		v := vars[c.ID]
		if v.ID() != c.ID || v.Status() != c.Status || v.Message() != c.Message || v.Extension() != c.Extension || v.Description() != c.Description {
			t.Errorf("%s: %s %d %q, want %d %q", c.ID, v.ID(), v.Status(), v.Message(), c.Status, c.Message)
		}
		if got, ok := cat.Lookup(c.ID); !ok || got != v {
			t.Errorf("%s is not in the Nexpay v2 catalogue", c.ID)
		}
	}
	err = apierr.New(ACM0001).With("ledger", "main")
	if !errors.Is(err, ACM0001) || errors.Is(err, ACM0002) {
		t.Error("errors.Is does not tell the codes apart")
	}
	body, err := apierr.AppendBody(nil, apierr.Nexpay, apierr.New(ACM0003), apierr.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := apierr.Nexpay.Parse(409, body)
	if err != nil || !errors.Is(parsed, ACM0003) || parsed.Status() != 409 {
		t.Errorf("%s parses back as %v (%v)", body, parsed, err)
	}
	found := false
	for _, m := range cat.Modules() {
		found = found || m == apierr.Module{Prefix: "ACM", Name: "Acme ledger"}
	}
	if !found {
		t.Error("module ACM is not declared")
	}
}
