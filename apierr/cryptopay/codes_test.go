package cryptopay

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestCatalogueMatchesPublishedTable checks the provider's status table, copied
// verbatim into testdata: every error status has a code described by the
// table's meaning, and no code has a status the table does not list.
func TestCatalogueMatchesPublishedTable(t *testing.T) {
	f, err := os.Open("testdata/cryptopay_statuses.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			lines = append(lines, l)
		}
	}
	meanings := map[int]string{}
	for i := 0; i+1 < len(lines); i++ {
		num, _, _ := strings.Cut(lines[i], " ")
		if s, err := strconv.Atoi(num); err == nil && s >= 400 {
			meanings[s] = lines[i+1]
			i++
		}
	}
	want := []int{400, 401, 403, 404, 409, 422, 429, 500, 503}
	if len(meanings) != len(want) {
		t.Fatalf("published error statuses: %v", meanings)
	}
	for _, s := range want {
		found := false
		for _, code := range catalogue.Codes() {
			if code.Status() == s && code.Description() == meanings[s] {
				found = true
			}
		}
		if !found {
			t.Errorf("no code of status %d described as %q", s, meanings[s])
		}
	}
	for _, code := range catalogue.Codes() {
		if _, ok := meanings[code.Status()]; !ok {
			t.Errorf("%s: status %d is not in the published table", code, code.Status())
		}
		if code.Message() != code.ID() {
			t.Errorf("%s: message %q is not the code", code, code.Message())
		}
	}
	docs := map[string]int{"unauthenticated": 401, "unauthorized": 403, "not_found": 404, "invalid": 422}
	for id, s := range docs {
		code, ok := catalogue.Lookup(id)
		if !ok || code.Status() != s || code.Extension() {
			t.Errorf("%s: %v status %d ext %v", id, ok, code.Status(), code.Extension())
		}
	}
}

func TestRuleCode(t *testing.T) {
	cases := map[string]string{
		"lte": "must_be_less_than_or_equal", "max": "must_be_less_than_or_equal", "gt": "must_be_greater_than",
		"required": "required", "iban": "invalid_iban", "iso4217": "invalid_iso4217", "": "invalid", "Bad-Rule": "invalid",
	}
	for rule, want := range cases {
		if got := RuleCode(rule); got != want {
			t.Errorf("RuleCode(%q) = %q, want %q", rule, got, want)
		}
		if back := RuleCode(ruleOf(want)); back != want {
			t.Errorf("%q does not round-trip: %q", want, back)
		}
	}
}

func TestCheckID(t *testing.T) {
	for _, id := range []string{"", "_a", "a_", "Upper", "a-b"} {
		if checkID(id) == nil {
			t.Errorf("checkID(%q) accepted", id)
		}
	}
}
