package nexpaylegacy

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// TestCatalogueMatchesPublishedTable checks every row of the provider's tables, copied
// verbatim into testdata, against the catalogue: code, message, description,
// and the status of the table's heading.
func TestCatalogueMatchesPublishedTable(t *testing.T) {
	f, err := os.Open("testdata/nexpay_legacy_codes.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	status, rows := 0, 0
	seen := map[apierr.Code]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.Contains(line, "HTTP 403"):
			status = 403
		case strings.Contains(line, "HTTP 400"):
			status = 400
		case strings.Contains(line, "HTTP 500"):
			status = 500
		}
		cols := strings.Split(strings.TrimSuffix(line, " |"), " | ")
		if len(cols) != 3 || strings.HasPrefix(line, "|") {
			continue
		}
		rows++
		code, ok := catalogue.Lookup(cols[0])
		if !ok {
			t.Errorf("%s is not in the catalogue", cols[0])
			continue
		}
		seen[code] = true
		if code.Status() != status || code.Message() != cols[1] || code.Description() != cols[2] || code.Extension() {
			t.Errorf("%s = %d %q %q, the published table says %d %q %q", cols[0], code.Status(), code.Message(), code.Description(), status, cols[1], cols[2])
		}
	}
	if rows != 16 {
		t.Errorf("read %d rows, want 16", rows)
	}
	// The two codes of the examples.
	for id, msg := range map[string]string{"30240": "Invalid cryptocurrency address", "-32600": "Invalid Request"} {
		code, ok := catalogue.Lookup(id)
		if !ok || code.Message() != msg || code.Status() != 400 || code.Extension() {
			t.Errorf("%s: %v %q", id, ok, code.Message())
		}
		seen[code] = true
	}
	for _, code := range catalogue.Codes() {
		if !seen[code] && !code.Extension() {
			t.Errorf("%s is not in the published table and not marked as an extension", code)
		}
		// The ID names the status of the case; the code is sent with the
		// class of the four it falls in.
		if code.Extension() && (len(code.ID()) != 5 || code.ID()[0] != '9' || http.StatusText(atoi(code.ID()[2:])) == "") {
			t.Errorf("extension %s does not follow 9 + variant + status", code)
		}
	}
}

// TestPublishedExamples renders the provider's two example bodies exactly and
// parses them back.
func TestPublishedExamples(t *testing.T) {
	raw, err := os.ReadFile("testdata/nexpay_legacy_examples.txt")
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	errs := []*apierr.Error{
		apierr.New(InvalidRequest).With("data", "Unknown symbol BTCUSD"),
		apierr.New(InvalidCryptoAddress),
	}
	for i, e := range errs {
		var example json.RawMessage
		if err := dec.Decode(&example); err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := json.Compact(&want, example); err != nil {
			t.Fatal(err)
		}
		var trace struct{ TraceID string }
		_ = json.Unmarshal(example, &trace)
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("X-Request-Id", trace.TraceID)
		got, err := apierr.AppendBody(nil, Contract, e, apierr.MetaOf(r))
		if err != nil || string(got) != want.String() {
			t.Errorf("example %d:\ngot  %s\nwant %s", i, got, want.String())
		}
		p, err := Contract.Parse(400, example)
		if err != nil || p.Code() != e.Code() {
			t.Fatalf("example %d: %v %v", i, p, err)
		}
		if v, _ := p.Detail("traceId"); v != trace.TraceID {
			t.Errorf("traceId %v", v)
		}
		if again, _ := apierr.AppendBody(nil, Contract, p, apierr.Meta{}); !bytes.Equal(again, got) {
			t.Errorf("re-rendered %s", again)
		}
	}
}

func TestCheckID(t *testing.T) {
	for _, id := range []string{"", "-0", "+5", "05", "1e3", "x", "99999999999"} {
		if checkID(id) == nil {
			t.Errorf("checkID(%q) accepted", id)
		}
	}
	for _, id := range []string{"0", "10", "-32600"} {
		if err := checkID(id); err != nil {
			t.Errorf("checkID(%q): %v", id, err)
		}
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
