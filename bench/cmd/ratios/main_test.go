package main

import (
	"slices"
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
	f.Add("BenchmarkErrkit/case=404/router=echo/impl=errkit-2 1 1 ns/op\nBenchmarkErrkit/case=404/router=echo/impl=echo-2 1 2 ns/op 3 cpu-ns/op")
	f.Fuzz(func(t *testing.T, in string) {
		res, err := parse(strings.NewReader(in), "Errkit", "ns/op")
		if err != nil {
			return
		}
		var b strings.Builder
		res.table(&b)
		res.goals(&b)
		guard(&b, res, res, "ns/op")
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

// The guard table reads both benchmarks, puts errkit beside echo and huma
// on each, and names the rows where errkit is not faster.
func TestGuard(t *testing.T) {
	in := "BenchmarkErrkit/case=404/router=echo/impl=echo-2 10 1000 ns/op 900 cpu-ns/op 360 B/op 8 allocs/op\n" +
		"BenchmarkErrkit/case=404/router=echo/impl=echo-2 10 1100 ns/op 950 cpu-ns/op 360 B/op 8 allocs/op\n" +
		"BenchmarkErrkit/case=404/router=echo/impl=huma-2 10 2000 ns/op 1800 cpu-ns/op 488 B/op 15 allocs/op\n" +
		"BenchmarkErrkit/case=404/router=echo/impl=errkit-2 10 500 ns/op 450 cpu-ns/op 218 B/op 2 allocs/op 2.016 mallocs/op\n" +
		"BenchmarkErrkit/case=404/router=echo/impl=errkit-2 10 600 ns/op 500 cpu-ns/op 218 B/op 2 allocs/op 2.016 mallocs/op\n" +
		"BenchmarkErrkit/case=ok/router=echo/impl=errkit-2 10 300 ns/op 20 B/op 1 allocs/op\n" +
		"BenchmarkServed/case=404/router=echo/impl=echo-2 10 20000 ns/op 2600 B/op 27 allocs/op\n" +
		"BenchmarkServed/case=404/router=echo/impl=huma-2 10 19000 ns/op 2700 B/op 34 allocs/op\n" +
		"BenchmarkServed/case=404/router=echo/impl=errkit-2 10 19500 ns/op 2500 B/op 21 allocs/op\n"
	var b strings.Builder
	slower := guard(&b, mustParse(t, in, "Errkit"), mustParse(t, in, "Served"), "ns/op")
	for _, want := range []string{
		"| 404 | alone | errkit | 550 ns · 218 B · 2.02 | 1050 ns · 360 B · 8 | 2000 ns · 488 B · 15 | 0.52× met · cpu 0.51× met | 0.28× met · cpu 0.26× met |",
		"| 404 | served | errkit | 19500 ns · 2500 B · 21 | 20000 ns · 2600 B · 27 | 19000 ns · 2700 B · 34 | 0.97× met | 1.03× **not met** |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "| ok |") || strings.Contains(b.String(), "errkit-front") {
		t.Errorf("a row without its benchmark:\n%s", b.String())
	}
	if want := []string{"404 served errkit: 1.03× huma's time"}; !slices.Equal(slower, want) {
		t.Errorf("slower = %q, want %q", slower, want)
	}
}

// mustParse parses in's lines of bench, comparing ns/op.
func mustParse(t *testing.T, in, bench string) *results {
	t.Helper()
	res, err := parse(strings.NewReader(in), bench, "ns/op")
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestDoors(t *testing.T) {
	in := "BenchmarkErrkit/case=404/router=gin/impl=gin-2 10 1000 ns/op 392 B/op 11 allocs/op\n" +
		"BenchmarkErrkit/case=404/router=gin/impl=gin-2 10 1100 ns/op 392 B/op 11 allocs/op\n" +
		"BenchmarkErrkit/case=404/router=gin/impl=errkit-2 10 600 ns/op 344 B/op 6 allocs/op\n" +
		"BenchmarkErrkit/case=404/router=gin/impl=errkit-2 10 700 ns/op 344 B/op 6 allocs/op\n" +
		"BenchmarkErrkit/case=404/router=echov5/impl=echo-2 10 500 ns/op 297 B/op 6 allocs/op\n" +
		"BenchmarkErrkit/case=404/router=echov5/impl=errkit-2 10 600 ns/op 288 B/op 4 allocs/op\n" +
		"BenchmarkErrkit/case=ok/router=gin/impl=bare-2 10 200 ns/op 80 B/op 3 allocs/op\n" +
		"BenchmarkErrkit/case=ok/router=gin/impl=gin-2 10 1000 ns/op 224 B/op 10 allocs/op\n" +
		"BenchmarkErrkit/case=ok/router=gin/impl=errkit-id-2 10 350 ns/op 96 B/op 4 allocs/op\n" +
		"BenchmarkErrkit/case=404/router=echo/impl=errkit-2 10 100 ns/op 1 B/op 1 allocs/op\n" +
		"BenchmarkServed/case=404/router=gin/impl=gin-2 10 20000 ns/op 2600 B/op 27 allocs/op\n" +
		"BenchmarkServed/case=404/router=gin/impl=errkit-2 10 19000 ns/op 2500 B/op 21 allocs/op\n"
	var b strings.Builder
	slower := doors(&b, mustParse(t, in, "Errkit"), mustParse(t, in, "Served"), "ns/op")
	for _, want := range []string{
		"| 404 | gin | alone | errkit | 650 ns · 344 B · 6 | 1050 ns · 392 B · 11 | – | 0.62× met |",
		"| 404 | gin | served | errkit | 19000 ns · 2500 B · 21 | 20000 ns · 2600 B · 27 | – | 0.95× met |",
		"| 404 | echov5 | alone | errkit | 600 ns · 288 B · 4 | 500 ns · 297 B · 6 | – | 1.20× **not met** |",
		"| ok | gin | alone | errkit-id | 350 ns · 96 B · 4 | 1000 ns · 224 B · 10 | 200 ns · 80 B · 3 | 0.35× met |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "| echo |") {
		t.Errorf("a row of the echo v4 router:\n%s", b.String())
	}
	want := []string{"404 echov5 alone errkit: 1.20× echo's time", "ok gin alone errkit-id: 1 allocs/op over bare"}
	if !slices.Equal(slower, want) {
		t.Errorf("slower = %q, want %q", slower, want)
	}
}
