package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// ReferenceDoor is the sandbox the others are compared with: the net/http
// door, which has no framework of its own to differ by.
const ReferenceDoor = "nethttp"

// A Difference is one way a door answers a request of the table unlike
// the reference door, allowed because the doors page lists it with its
// reason.
type Difference struct {
	Door    string // the sandbox: "nexpay" (echo v4), "echov5", "gin"
	Request string // the step's method and path as the table writes them: "DELETE /v2/payees"
	Part    string // "status", "body", or "header " and its canonical name
}

func (d Difference) String() string { return d.Door + " | " + d.Request + " | " + d.Part }

// A doorAnswer is what a server sent back, its body masked.
type doorAnswer struct {
	status int
	header http.Header
	body   string
}

// Parity sends every step of [Cases] to every door of bins (sandbox name
// to binary), each on servers of its own started with the case's flags,
// and compares each door's answer with the reference door's: status,
// headers and body, with timestamps, generated IDs and request IDs masked.
// A difference fails the test unless allowed lists it; an allowed
// difference that no longer shows fails it too.
func Parity(t *testing.T, bins map[string]string, allowed []Difference) {
	if _, ok := bins[ReferenceDoor]; !ok {
		t.Fatalf("no %s binary to compare with", ReferenceDoor)
	}
	doors := slices.Sorted(maps.Keys(bins))
	servers := map[string]map[string]*Server{}
	names := slices.Sorted(maps.Keys(Servers))
	flags := make([][]string, len(names))
	for i, name := range names {
		flags[i] = Servers[name]
	}
	for _, door := range doors {
		servers[door] = map[string]*Server{}
		// The table holds each door's answers to its document; here they
		// are held to each other's.
		for i, s := range startAll(t, bins[door], false, flags...) {
			servers[door][names[i]] = s
		}
	}
	ok := map[Difference]bool{}
	for _, d := range allowed {
		ok[d] = false
	}
	for _, c := range Cases {
		vars := map[string]map[string]string{}
		for _, door := range doors {
			vars[door] = map[string]string{}
		}
		for _, st := range c.Steps {
			ref := exchange(t, servers[ReferenceDoor][c.Server].URL, st, vars[ReferenceDoor])
			reused := st.reusingFresh()
			for _, door := range doors {
				if door == ReferenceDoor {
					continue
				}
				for _, name := range []string{"iban", "ref", "key"} {
					if v, ok := vars[ReferenceDoor][name]; ok {
						vars[door][name] = v
					}
				}
				got := exchange(t, servers[door][c.Server].URL, reused, vars[door])
				for _, part := range compare(ref, got) {
					d := Difference{Door: door, Request: st.Method + " " + st.Path, Part: part}
					if _, listed := ok[d]; listed {
						ok[d] = true
						continue
					}
					t.Errorf("%s: %s differs from %s (case %q), not listed in the doors page:\n%s\n%s",
						d, part, ReferenceDoor, c.Name, show(ReferenceDoor, ref, part), show(door, got, part))
				}
			}
		}
	}
	for _, d := range allowed {
		if !ok[d] {
			t.Errorf("the doors page lists %s, which no longer differs", d)
		}
	}
	for _, door := range doors {
		for _, name := range slices.Sorted(maps.Keys(servers[door])) {
			servers[door][name].Stop(t)
		}
	}
}

// reusingFresh returns st with its fresh variables ({iban+}) read rather
// than made ({iban}): the other doors reuse the reference door's.
func (st Step) reusingFresh() Step {
	fix := func(s string) string { return strings.ReplaceAll(s, "+}", "}") }
	st.Path, st.Body = fix(st.Path), fix(st.Body)
	if st.Header != nil {
		h := make(map[string]string, len(st.Header))
		for k, v := range st.Header {
			h[k] = fix(v)
		}
		st.Header = h
	}
	return st
}

// plainClient is [client] without the document check.
var plainClient = &http.Client{
	Timeout:       startTimeout,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// exchange sends st's request and returns the answer, saving what st
// saves.
func exchange(t *testing.T, base string, st Step, vars map[string]string) doorAnswer {
	t.Helper()
	resp, err := plainClient.Do(request(t, base, st, vars))
	if err != nil {
		t.Fatalf("%s %s: %v", st.Method, st.Path, err)
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", st.Method, st.Path, err)
	}
	var obj map[string]any
	if json.Unmarshal(body, &obj) == nil {
		for name, field := range st.Save {
			if v, _ := obj[field].(string); v != "" {
				vars[name] = v
			}
		}
	}
	return doorAnswer{status: resp.StatusCode, header: resp.Header, body: mask(string(body))}
}

var (
	uuidRe  = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	timeRe  = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z`)
	hex32Re = regexp.MustCompile(`\b[0-9a-f]{32}\b`)
)

// mask hides what differs from run to run: generated IDs, timestamps and
// request IDs.
func mask(s string) string {
	s = uuidRe.ReplaceAllString(s, "<id>")
	s = timeRe.ReplaceAllString(s, "<time>")
	return hex32Re.ReplaceAllString(s, "<hex>")
}

// compare returns the parts of got that differ from ref.
func compare(ref, got doorAnswer) []string {
	var parts []string
	if ref.status != got.status {
		parts = append(parts, "status")
	}
	for _, k := range slices.Sorted(maps.Keys(union(ref.header, got.header))) {
		a, b := ref.header.Values(k), got.header.Values(k)
		switch k {
		case "Date":
			continue
		case "Content-Length":
			if ref.body != got.body {
				continue // the body's difference, told once
			}
		case "X-Request-Id":
			if len(a) > 0 == (len(b) > 0) {
				continue
			}
		case "Retry-After", "Ratelimit-Reset":
			if len(a) == 1 && len(b) == 1 && near(a[0], b[0]) {
				continue
			}
		}
		if !slices.Equal(a, b) {
			parts = append(parts, "header "+k)
		}
	}
	if ref.body != got.body {
		parts = append(parts, "body")
	}
	return parts
}

func union(a, b http.Header) map[string]bool {
	m := map[string]bool{}
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}

// near reports whether two numbers of seconds are within 2 or 5% of each
// other: servers started some seconds apart count down to ends as far
// apart.
func near(a, b string) bool {
	x, err1 := strconv.Atoi(a)
	y, err2 := strconv.Atoi(b)
	d := max(x-y, y-x)
	return err1 == nil && err2 == nil && (d <= 2 || d*20 <= max(x, y))
}

func show(door string, a doorAnswer, part string) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "  %s: %d", door, a.status)
	if name, ok := strings.CutPrefix(part, "header "); ok {
		fmt.Fprintf(&b, " %s: %q", name, a.header.Values(name))
	} else {
		fmt.Fprintf(&b, " %s", a.body)
	}
	return b.String()
}

// ParseDifferences reads the differences a doors page allows: the rows of
// its table whose first three cells are the door, the request and the
// part, each in backquotes (| `gin` | `HEAD /health` | `header Allow` |
// reason |).
func ParseDifferences(page []byte) []Difference {
	var ds []Difference
	for line := range strings.Lines(string(page)) {
		cells := strings.Split(strings.TrimSpace(line), "|")
		if len(cells) < 5 || cells[0] != "" {
			continue
		}
		var vals []string
		for _, c := range cells[1:4] {
			c = strings.TrimSpace(c)
			if len(c) < 2 || c[0] != '`' || c[len(c)-1] != '`' {
				break
			}
			vals = append(vals, c[1:len(c)-1])
		}
		if len(vals) == 3 {
			ds = append(ds, Difference{Door: vals[0], Request: vals[1], Part: vals[2]})
		}
	}
	return ds
}
