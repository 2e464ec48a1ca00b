package payout

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// TestCatalogueMatchesPublishedTable checks the provider's two tables, copied verbatim
// into testdata, against the catalogue: every message is a code with that
// exact text and the table's cause; every code's status is an error status
// of the HTTP table, and every such status has a code.
func TestCatalogueMatchesPublishedTable(t *testing.T) {
	f, err := os.Open("testdata/payout_tables.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	statuses := map[int]bool{}
	messages := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(strings.Trim(sc.Text(), "| "), " | ")
		switch {
		case len(cols) == 2:
			if s, err := strconv.Atoi(cols[0]); err == nil && s >= 400 {
				statuses[s] = true
			}
		case len(cols) == 3 && cols[0] != "Message" && !strings.HasPrefix(cols[0], "---"):
			for _, msg := range strings.Split(cols[0], " / ") {
				messages++
				found := false
				for _, code := range catalogue.Codes() {
					if code.Message() == msg {
						found = true
						if code.Description() != cols[1] || code.Extension() {
							t.Errorf("%s: description %q ext=%v, published cause %q", code, code.Description(), code.Extension(), cols[1])
						}
					}
				}
				if !found {
					t.Errorf("message %q is not in the catalogue", msg)
				}
			}
		}
	}
	if messages != 15 {
		t.Errorf("read %d messages, want 15", messages)
	}
	want := map[int]bool{401: true, 403: true, 404: true, 422: true, 500: true}
	if len(statuses) != len(want) {
		t.Errorf("published error statuses %v", statuses)
	}
	have := map[int]bool{}
	for _, code := range catalogue.Codes() {
		if !statuses[code.Status()] {
			t.Errorf("%s: status %d is not one of the contract's", code, code.Status())
		}
		have[code.Status()] = true
		if !code.Extension() && code.Description() == "" {
			t.Errorf("%s: no cause", code)
		}
	}
	for s := range statuses {
		if !have[s] {
			t.Errorf("no code for status %d", s)
		}
	}
}

func TestWireCode(t *testing.T) {
	cases := map[apierr.Code]string{
		InvalidAPIKey: "unauthorized", AmountInvalid: "validation_error", PayoutNotFound: "not_found",
		Forbidden: "forbidden", RateLimited: "forbidden", InternalError: "internal_error", Maintenance: "internal_error",
		ExternalIDConflict: "validation_error", Conflict: "validation_error",
		apierr.PAY0001: "not_found", apierr.GEN9429: "forbidden", apierr.GEN9002: "validation_error", apierr.GEN9422: "validation_error",
	}
	for code, want := range cases {
		if got := WireCode(code); got != want {
			t.Errorf("WireCode(%s) = %q, want %q", code, got, want)
		}
	}
	for _, code := range catalogue.Codes() {
		if wireStatus(WireCode(code)) != code.Status() {
			t.Errorf("%s: wire code %s does not give back status %d", code, WireCode(code), code.Status())
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
