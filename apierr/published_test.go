package apierr_test

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// constants names every constant the published table asks for, so that a
// missing or misnamed constant does not compile.
var constants = map[string]apierr.Code{
	"GEN9001": apierr.GEN9001, "GEN9002": apierr.GEN9002, "GEN9003": apierr.GEN9003,
	"GEN9004": apierr.GEN9004, "GEN9013": apierr.GEN9013,
	"AUT0001": apierr.AUT0001, "AUT0002": apierr.AUT0002, "AUT0003": apierr.AUT0003,
	"AUT0004": apierr.AUT0004, "AUT0006": apierr.AUT0006,
	"PAY0001": apierr.PAY0001, "PAY0002": apierr.PAY0002, "PAY0003": apierr.PAY0003, "PAY0004": apierr.PAY0004,
	"QOT0001": apierr.QOT0001, "QOT0002": apierr.QOT0002, "QOT0003": apierr.QOT0003, "QOT0004": apierr.QOT0004,
	"PYE0001": apierr.PYE0001, "PYE0002": apierr.PYE0002, "PYE0003": apierr.PYE0003,
	"DOC0001": apierr.DOC0001, "DOC0002": apierr.DOC0002, "DOC0003": apierr.DOC0003,
	"GWY0001": apierr.GWY0001, "GWY0002": apierr.GWY0002, "GWY0003": apierr.GWY0003,
	"TNT0001": apierr.TNT0001, "TNT0002": apierr.TNT0002,
	"COM0001": apierr.COM0001, "COM0002": apierr.COM0002, "COM0003": apierr.COM0003,
	"COM0004": apierr.COM0004, "COM0005": apierr.COM0005,
	"ORG0001": apierr.ORG0001, "ORG0002": apierr.ORG0002, "ORG0003": apierr.ORG0003,
	"CNV0001": apierr.CNV0001, "CNV0002": apierr.CNV0002, "CNV0003": apierr.CNV0003,
	"DEV0001": apierr.DEV0001, "DEV0002": apierr.DEV0002,
	"CHT0001": apierr.CHT0001, "CHT0002": apierr.CHT0002, "CHT0003": apierr.CHT0003, "CHT0004": apierr.CHT0004,
}

type publishedRow struct {
	id, message string
	status      int
}

// readPublished reads the provider's tables, kept verbatim in testdata.
func readPublished(t *testing.T) (modules map[string]string, rows []publishedRow) {
	t.Helper()
	src, err := os.ReadFile("testdata/nexpay_v2_errors.txt")
	if err != nil {
		t.Fatal(err)
	}
	modRE := regexp.MustCompile(`^([A-Z]{3}) \| (.+) \|$`)
	codeRE := regexp.MustCompile(`^\[([A-Z]{3}[0-9]{4})\] \| (.+) \| ([0-9]{3}) \|$`)
	modules = map[string]string{}
	for _, line := range strings.Split(string(src), "\n") {
		if m := modRE.FindStringSubmatch(line); m != nil {
			modules[m[1]] = m[2]
		}
		if m := codeRE.FindStringSubmatch(line); m != nil {
			st, _ := strconv.Atoi(m[3])
			rows = append(rows, publishedRow{m[1], m[2], st})
		}
	}
	return modules, rows
}

func TestCatalogueMatchesPublishedTable(t *testing.T) {
	modules, rows := readPublished(t)
	if len(rows) != 46 || len(modules) != 14 {
		t.Fatalf("published table: read %d codes and %d modules, want 46 and 14", len(rows), len(modules))
	}
	restore := apierr.SetClock(func() time.Time { return time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC) })
	defer restore()
	for _, r := range rows {
		t.Run(r.id, func(t *testing.T) {
			c, ok := constants[r.id]
			if !ok {
				t.Fatalf("no constant for %s", r.id)
			}
			if c.ID() != r.id || c.String() != r.id {
				t.Errorf("constant %s has ID %q", r.id, c.ID())
			}
			if c.Status() != r.status {
				t.Errorf("status %d, the published table says %d", c.Status(), r.status)
			}
			if c.Message() != r.message {
				t.Errorf("message %q, the published table says %q", c.Message(), r.message)
			}
			if c.Extension() {
				t.Error("a published code is marked as an extension")
			}
			if got, want := c.Module().Name, modules[r.id[:3]]; got != want || c.Module().Prefix != r.id[:3] {
				t.Errorf("module %+v, the published table says %s %s", c.Module(), r.id[:3], want)
			}
			if got, want := c.Error(), "["+r.id+"] "+r.message; got != want {
				t.Errorf("Error() = %q, want %q", got, want)
			}
			body, err := json.Marshal(apierr.New(c))
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf(`{"statusCode":%d,"code":"[%s]","message":"[%s] %s","timestamp":"2026-01-15T10:30:00.000Z"}`,
				r.status, r.id, r.id, jsonText(r.message))
			if string(body) != want {
				t.Errorf("body\n got %s\nwant %s", body, want)
			}
		})
	}
	// And nothing more: every code of the catalogue that is not an
	// extension is in the published table.
	published := map[string]bool{}
	for _, r := range rows {
		published[r.id] = true
	}
	for _, c := range apierr.Nexpay.Catalogue().Codes() {
		if !c.Extension() && !published[c.ID()] {
			t.Errorf("%s is in the catalogue but not in the published table, and not marked as an extension", c)
		}
	}
	var got []string
	for _, m := range apierr.Nexpay.Catalogue().Modules() {
		got = append(got, m.Prefix)
		if modules[m.Prefix] != m.Name {
			t.Errorf("module %s named %q, the published table says %q", m.Prefix, m.Name, modules[m.Prefix])
		}
	}
	if strings.Join(got, " ") != "GEN AUT PAY QOT PYE DOC GWY TNT PRX COM ORG CNV DEV CHT" {
		t.Errorf("modules %v", got)
	}
}

func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

func TestPublishedExamples(t *testing.T) {
	at := time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		err  *apierr.Error
		want string
	}{
		{apierr.New(apierr.PAY0001), `{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}`},
		{apierr.New(apierr.QOT0003).With("fromCurrency", "BRL").With("toCurrency", "USD"),
			`{"statusCode":422,"code":"[QOT0003]","message":"[QOT0003] Currency pair unavailable","timestamp":"2026-01-15T10:30:00.000Z","details":{"fromCurrency":"BRL","toCurrency":"USD"}}`},
		{apierr.New(apierr.GEN9004), `{"statusCode":403,"code":"[GEN9004]","message":"[GEN9004] Forbidden","timestamp":"2026-01-15T10:30:00.000Z"}`},
	} {
		got, err := json.Marshal(tc.err.At(at))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("\n got %s\nwant %s", got, tc.want)
		}
	}
}

func TestExtensionCodes(t *testing.T) {
	want := map[apierr.Condition]int{
		apierr.NotFound: 404, apierr.MethodNotAllowed: 405, apierr.TooLarge: 413,
		apierr.UnsupportedMediaType: 415, apierr.RateLimited: 429, apierr.IdempotencyMismatch: 422,
		apierr.Timeout: 504,
	}
	for cond, status := range want {
		c := apierr.Nexpay.Code(cond)
		if c.Status() != status || !c.Extension() || c.Description() == "" {
			t.Errorf("%s: code %s status %d extension %v", cond, c, c.Status(), c.Extension())
		}
		if c.Module().Prefix != "GEN" || c.ID() != "GEN9"+strconv.Itoa(status) {
			t.Errorf("%s: extension code %s does not follow GEN9+status", cond, c)
		}
	}
	for _, cond := range kit.AllConditions() {
		if !apierr.Nexpay.Code(cond).Valid() {
			t.Errorf("condition %s has no code", cond)
		}
	}
	if apierr.Nexpay.Code(apierr.Maintenance) != apierr.GEN9013 || apierr.Nexpay.Code(apierr.Internal) != apierr.GEN9001 {
		t.Error("maintenance and internal must answer with the published codes")
	}
}

func TestMarkdown(t *testing.T) {
	md := apierr.Nexpay.Catalogue().Markdown()
	for _, row := range []string{
		"| Code | Message | HTTP Status | Module |",
		"| `[QOT0003]` | Currency pair unavailable | 422 | Quotes |",
		"| `[GEN9013]` | Service is under maintenance. Please try again later. | 503 | General |",
		"| `[GEN9429]` | Too many requests | 429 | The client exceeded its rate limit; the Retry-After header says when to retry. |",
	} {
		if !strings.Contains(md, row+"\n") {
			t.Errorf("no row %q", row)
		}
	}
	cat := apierr.NewCatalogue("md-test", nil)
	cat.MustRegister(apierr.Spec{ID: "A|B", Status: 409, Message: "pipe | in\nmessage"})
	if got, want := cat.Markdown(), "| Code | Message | HTTP Status |\n|---|---|---|\n| `A\\|B` | pipe \\| in message | 409 |\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
