package main

import (
	"strings"
	"testing"
)

const input = `goos: linux
BenchmarkErrkit/case=404/router=echo/impl=floor-2   1000   100.0 ns/op   0 B/op   0 allocs/op
BenchmarkErrkit/case=404/router=echo/impl=floor-2   1000   120.0 ns/op   0 B/op   0 allocs/op
BenchmarkErrkit/case=404/router=echo/impl=floor-2   1000   110.0 ns/op   0 B/op   0 allocs/op
BenchmarkErrkit/case=404/router=echo/impl=echo-2    1000   900 ns/op   560 B/op   10 allocs/op
BenchmarkErrkit/case=404/router=echo/impl=errkit-2  1000   115 ns/op   160 B/op   1 allocs/op
BenchmarkErrkit/case=ok/router=mux/impl=bare-2      1000   100 ns/op   16 B/op   1 allocs/op
BenchmarkErrkit/case=ok/router=mux/impl=errkit-2    1000   200 ns/op   66 B/op   2 allocs/op
PASS
`

func TestTable(t *testing.T) {
	res, err := parse(strings.NewReader(input), "Errkit", "ns/op")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.table(&b)
	res.goals(&b)
	got := b.String()
	for _, want := range []string{
		"| case | router | floor (bare) | echo | errkit |",
		"| 404 | echo | 1.00× · 0 | 8.18× · 10 (+10) | 1.05× · 1 (+1) |",
		"| ok | mux | 1.00× · 1 | | 2.00× · 2 (+1) |",
		"| 404 | echo | errkit | 1.05× met | +1 met | 0.13× met |  |",
		"| ok | mux | errkit | 2.00× **not met** | 2.00× **not met** | +1 **not met** |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func TestMetric(t *testing.T) {
	in := "BenchmarkErrkit/case=404/router=echo/impl=floor-2 10 900 ns/op 100 cpu-ns/op 0 B/op 0 allocs/op\n" +
		"BenchmarkErrkit/case=404/router=echo/impl=errkit-2 10 300 ns/op 110 cpu-ns/op 16 B/op 1 allocs/op\n"
	res, err := parse(strings.NewReader(in), "Errkit", "cpu-ns/op")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.table(&b)
	if want := "| 404 | echo | 1.00× · 0 | 1.10× · 1 (+1) |"; !strings.Contains(b.String(), want) {
		t.Errorf("missing %q in\n%s", want, b.String())
	}
}

func TestParseName(t *testing.T) {
	for name, want := range map[string]key{
		"BenchmarkErrkit/case=400x5/router=mux/impl=errkit-render-2": {"400x5", "mux", "errkit-render"},
		"BenchmarkErrkit/case=ok/router=echo/impl=bare":              {"ok", "echo", "bare"},
	} {
		if got, ok := parseName(name); !ok || got != want {
			t.Errorf("parseName(%q) = %v, %v; want %v", name, got, ok, want)
		}
	}
	if _, ok := parseName("BenchmarkErrkit/other"); ok {
		t.Error("parseName accepted a name without case, router and impl")
	}
}

func TestReplace(t *testing.T) {
	doc := []byte("a\n<!-- goals:begin -->\nold\n<!-- goals:end -->\nb\n")
	got, err := replace(doc, "goals", []byte("new\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "a\n<!-- goals:begin -->\nnew\n<!-- goals:end -->\nb\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := replace(doc, "ratios", nil); err == nil {
		t.Error("replace without markers: no error")
	}
}

// FuzzParse checks that no input, however mangled, makes parse or the
// tables panic.
func FuzzParse(f *testing.F) {
	f.Add(input)
	f.Add("BenchmarkErrkit/case=/router=/impl=-2 1 x ns/op")
	f.Add("BenchmarkErrkit/case=ok/router=mux/impl=errkit-2 1 1 ns/op 1")
	f.Fuzz(func(t *testing.T, in string) {
		res, err := parse(strings.NewReader(in), "Errkit", "ns/op")
		if err != nil {
			return
		}
		var b strings.Builder
		res.table(&b)
		res.goals(&b)
	})
}

// -bench Served reads the served benchmark's lines and no others.
func TestServedLines(t *testing.T) {
	in := "BenchmarkErrkit/case=ok/router=mux/impl=bare-2 10 100 ns/op 1 allocs/op\n" +
		"BenchmarkErrkit/case=ok/router=mux/impl=errkit-2 10 200 ns/op 1 allocs/op\n" +
		"BenchmarkServed/case=ok/router=mux/impl=bare-2 10 10000 ns/op 19 allocs/op\n" +
		"BenchmarkServed/case=ok/router=mux/impl=errkit-2 10 10400 ns/op 19 allocs/op\n"
	res, err := parse(strings.NewReader(in), "Served", "ns/op")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.goals(&b)
	if want := "| ok | mux | errkit | 1.04× met | 1.04× met | +0 met |"; !strings.Contains(b.String(), want) {
		t.Errorf("missing %q in\n%s", want, b.String())
	}
}

// mallocs/op, when reported, gives the allocations unrounded; a fraction
// under 0.05 counts as none, and overlapping time ranges are a tie.
func TestMallocsAndTies(t *testing.T) {
	in := "BenchmarkErrkit/case=ok/router=mux/impl=bare-2 10 100 ns/op 1 allocs/op 1.000 mallocs/op\n" +
		"BenchmarkErrkit/case=ok/router=mux/impl=errkit-2 10 104 ns/op 1 allocs/op 1.031 mallocs/op\n" +
		"BenchmarkErrkit/case=404/router=echo/impl=floor-2 10 100 ns/op 0 allocs/op 0 mallocs/op\n" +
		"BenchmarkErrkit/case=404/router=echo/impl=echo-2 10 100 ns/op 10 allocs/op 10 mallocs/op\n" +
		"BenchmarkErrkit/case=404/router=echo/impl=echo-2 10 110 ns/op 10 allocs/op 10 mallocs/op\n" +
		"BenchmarkErrkit/case=404/router=echo/impl=errkit-2 10 105 ns/op 1 allocs/op 1.5 mallocs/op\n"
	res, err := parse(strings.NewReader(in), "Errkit", "ns/op")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.table(&b)
	res.goals(&b)
	for _, want := range []string{
		"| ok | mux | 1.00× · 1 | | 1.04× · 1.03 (+0.03) |",
		"| ok | mux | errkit | 1.04× met | 1.04× met | +0.03 met |",
		"| 404 | echo | errkit | 1.05× met | +1.50 **not met** | 1.00× ≈ (ranges overlap) |  |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in\n%s", want, b.String())
		}
	}
}
