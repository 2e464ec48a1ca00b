package gencodes

import (
	"strings"
	"testing"
)

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
		if _, err := generateNexpay([]byte(src)); err == nil {
			t.Errorf("%s: accepted %q", name, strings.TrimSpace(src))
		}
	}
}

func TestContractRefuses(t *testing.T) {
	const head = "package\tacme\ncatalogue\tcatalogue\ngroup\tCodes.\n"
	for name, src := range map[string]string{
		"no package":     "catalogue\tcatalogue\ngroup\tCodes.\ncode\tNotFound\tNOT_FOUND\t404\tNot found\tx\n",
		"lower name":     head + "code\tnotFound\tNOT_FOUND\t404\tNot found\tx\n",
		"status 200":     head + "code\tNotFound\tNOT_FOUND\t200\tNot found\tx\n",
		"empty message":  head + "code\tNotFound\tNOT_FOUND\t404\t\tx\n",
		"duplicate ID":   head + "code\tNotFound\tNOT_FOUND\t404\tx\tx\ncode\tGone\tNOT_FOUND\t410\tx\tx\n",
		"duplicate name": head + "code\tNotFound\tA\t404\tx\tx\ncode\tNotFound\tB\t404\tx\tx\n",
		"undeclared map": head + "code\tNotFound\tNOT_FOUND\t404\tx\tx\textra\n",
		"missing column": head + "code\tNotFound\tNOT_FOUND\t404\tx\n",
		"before a group": "package\tacme\ncatalogue\tcatalogue\ncode\tNotFound\tNOT_FOUND\t404\tx\tx\n",
		"no codes":       head,
		"unknown kind":   head + "cod\tNotFound\tNOT_FOUND\t404\tx\tx\n",
	} {
		if _, err := Generate([]byte(src)); err == nil {
			t.Errorf("%s: accepted %q", name, strings.TrimSpace(src))
		}
	}
}

// A contract's source gives one registered variable per code, its extra
// column a map.
func TestContract(t *testing.T) {
	src := "package\tacme\ncatalogue\tcatalogue\nextra\thints\tholds a hint per code.\ngroup\tThe codes.\n" +
		"code\tNotFound\tNOT_FOUND\t404\tNot found\tNo such thing\tLook again\n" +
		"doc\tSlowDown asks the client to wait.\next\tSlowDown\tSLOW_DOWN\t429\tSlow down\tRate limited\n"
	out, err := Generate([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"package acme\n",
		`NotFound = catalogue.MustRegister(apierr.Spec{ID: "NOT_FOUND", Status: 404, Message: "Not found", Description: "No such thing"})`,
		"\t// SlowDown asks the client to wait.\n\tSlowDown = catalogue.MustRegister(apierr.Spec{ID: \"SLOW_DOWN\", Status: 429, Message: \"Slow down\", Extension: true, Description: \"Rate limited\"})",
		"// hints holds a hint per code.\nvar hints = map[apierr.Code]string{\n\tNotFound: \"Look again\",\n}",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}

func TestGenerateTeam(t *testing.T) {
	src := []byte("module\tACM\tAcme\ncode\tACM0001\t423\tLedger locked\n")
	for _, pkg := range []string{"", "func", "9lives", "a-b"} {
		if _, err := GenerateTeam(src, pkg, "codes.txt"); err == nil {
			t.Errorf("package %q: no error", pkg)
		}
	}
	out, err := GenerateTeam(src, "acme", "codes.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"package acme\n", `ACM0001 = apierr.Nexpay.Catalogue().MustRegister(apierr.Spec{ID: "ACM0001", Status: 423, Message: "Ledger locked"})`, `{Prefix: "ACM", Name: "Acme"}`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the file lacks %s:\n%s", want, out)
		}
	}
	if _, err := GenerateTeam([]byte("code\tACM0001\t423\tLedger locked\n"), "acme", "codes.txt"); err == nil || !strings.Contains(err.Error(), "module ACM is not declared") {
		t.Errorf("undeclared module: %v", err)
	}
	mods, codes, err := Parse(src)
	if err != nil || len(mods) != 1 || mods[0] != (Module{"ACM", "Acme"}) || len(codes) != 1 || codes[0] != (Code{ID: "ACM0001", Status: 423, Message: "Ledger locked", Line: 2}) {
		t.Errorf("Parse: %v %v %v", mods, codes, err)
	}
}
