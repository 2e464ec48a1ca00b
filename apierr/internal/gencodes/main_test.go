package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestGeneratedIsCurrent fails when codes_gen.go was not regenerated after
// codes.txt changed.
func TestGeneratedIsCurrent(t *testing.T) {
	src, err := os.ReadFile("../../codes.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, err := generate(src)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../codes_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("apierr/codes_gen.go is stale: run go generate ./apierr")
	}
}

func TestParseRefuses(t *testing.T) {
	for name, src := range map[string]string{
		"bad id":          "module\tPAY\tPayments\ncode\tPAY001\t404\tx\n",
		"lower id":        "module\tPAY\tPayments\ncode\tpay0001\t404\tx\n",
		"unknown module":  "code\tPAY0001\t404\tx\n",
		"status 200":      "module\tPAY\tPayments\ncode\tPAY0001\t200\tx\n",
		"status 600":      "module\tPAY\tPayments\ncode\tPAY0001\t600\tx\n",
		"duplicate":       "module\tPAY\tPayments\ncode\tPAY0001\t404\tx\ncode\tPAY0001\t404\ty\n",
		"empty message":   "module\tPAY\tPayments\ncode\tPAY0001\t404\t\n",
		"ext without doc": "module\tPAY\tPayments\next\tPAY0001\t404\tx\n",
		"unknown kind":    "modul\tPAY\tPayments\n",
		"no codes":        "module\tPAY\tPayments\n",
	} {
		if _, err := generate([]byte(src)); err == nil {
			t.Errorf("%s: accepted %q", name, strings.TrimSpace(src))
		}
	}
}
