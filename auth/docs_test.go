package auth_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/apierr/kit"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/apierr/payout"
)

// failureTable is the table of docs/auth.md: each failure and the code
// each contract answers it with, from the contracts themselves.
func failureTable() string {
	var b strings.Builder
	b.WriteString("| failure | nexpay, problem | nexpay-legacy | nextapi | payout | cryptopay |\n|---|---|---|---|---|---|\n")
	cell := func(c apierr.Contract, f apierr.AuthFailure, text string) string {
		code := kit.AuthCode(c, f)
		if text == "" {
			text = code.ID()
		}
		return " `" + text + "` " + strconv.Itoa(code.Status()) + " |"
	}
	for _, f := range kit.AuthFailures() {
		b.WriteString("| " + f.String() + " |")
		b.WriteString(cell(apierr.Nexpay, f, ""))
		b.WriteString(cell(nexpaylegacy.Contract, f, ""))
		b.WriteString(cell(nextapi.Contract, f, ""))
		b.WriteString(cell(payout.Contract, f, kit.AuthCode(payout.Contract, f).Message()))
		b.WriteString(cell(cryptopay.Contract, f, ""))
		b.WriteString("\n")
	}
	return b.String()
}

func TestDocsTable(t *testing.T) {
	doc, err := os.ReadFile("../docs/auth.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := failureTable(); !strings.Contains(string(doc), want) {
		t.Errorf("docs/auth.md does not hold the failure table; it is:\n%s", want)
	}
}
