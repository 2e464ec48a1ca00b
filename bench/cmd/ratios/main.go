// Command ratios turns the output of the bench suite (go test -bench,
// -benchmem, any -count) into the Markdown table of BENCHMARKS.md: each
// implementation's median ns/op as a ratio to the case's baseline (the
// floor, or bare for the success path), its allocations, and the goals
// marked met or not met.
//
//	go test -run '^$' -bench . -benchmem -count 6 | tee new.txt
//	go run ./cmd/ratios < new.txt
//
// The time compared is cpu-ns/op, the CPU time per request, when the run
// reports it, else ns/op; -metric ns/op picks wall time.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// impls are the columns, the baseline first.
var impls = []string{"floor", "bare", "echo", "huma", "errkit-render", "errkit-handler", "errkit", "errkit-front"}

type key struct{ kase, router, impl string }

type samples struct {
	ns     []float64 // the metric compared
	allocs []float64
}

type results struct {
	m     map[key]*samples
	rows  []key // case and router, in order of appearance
	cases []string
}

// parse reads benchmark lines named
// BenchmarkErrkit/case=<case>/router=<router>/impl=<impl>-<procs>.
func parse(r io.Reader, metric string) (*results, error) {
	res := &results{m: map[key]*samples{}}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "BenchmarkErrkit/") {
			continue
		}
		k, ok := parseName(f[0])
		if !ok {
			continue
		}
		s := res.m[k]
		if s == nil {
			s = &samples{}
			res.m[k] = s
			row := key{kase: k.kase, router: k.router}
			if !slices.Contains(res.rows, row) {
				res.rows = append(res.rows, row)
			}
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", f[0], err)
			}
			switch f[i+1] {
			case metric:
				s.ns = append(s.ns, v)
			case "allocs/op":
				s.allocs = append(s.allocs, v)
			}
		}
	}
	return res, sc.Err()
}

func parseName(name string) (key, bool) {
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			name = name[:i]
		}
	}
	var k key
	for _, part := range strings.Split(name, "/")[1:] {
		kv, v, _ := strings.Cut(part, "=")
		switch kv {
		case "case":
			k.kase = v
		case "router":
			k.router = v
		case "impl":
			k.impl = v
		}
	}
	return k, k.kase != "" && k.router != "" && k.impl != ""
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

func (res *results) get(k key) (ns, allocs float64, ok bool) {
	s := res.m[k]
	if s == nil || len(s.ns) == 0 {
		return 0, 0, false
	}
	return median(s.ns), median(s.allocs), true
}

func baseline(row key) string {
	if row.kase == "ok" {
		return "bare"
	}
	return "floor"
}

// table writes the ratio table and the goals.
func (res *results) table(w io.Writer) {
	var cols []string
	for _, impl := range impls {
		for _, row := range res.rows {
			if _, ok := res.m[key{row.kase, row.router, impl}]; ok {
				cols = append(cols, impl)
				break
			}
		}
	}
	fmt.Fprintf(w, "| case | router | %s |\n|---|---|%s\n", strings.Join(cols, " | "), strings.Repeat("---|", len(cols)))
	for _, row := range res.rows {
		base, baseAllocs, ok := res.get(key{row.kase, row.router, baseline(row)})
		fmt.Fprintf(w, "| %s | %s |", row.kase, row.router)
		for _, impl := range cols {
			ns, allocs, have := res.get(key{row.kase, row.router, impl})
			switch {
			case !have:
				fmt.Fprint(w, " |")
			case !ok:
				fmt.Fprintf(w, " ? · %g allocs |", allocs)
			default:
				fmt.Fprintf(w, " %.2f× · %s |", ns/base, allocsCell(allocs, baseAllocs))
			}
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
	res.goals(w)
}

func allocsCell(allocs, base float64) string {
	if allocs == base {
		return fmt.Sprintf("%g", allocs)
	}
	return fmt.Sprintf("%g (%+g)", allocs, allocs-base)
}

// goals checks the goals against the whole errkit set, as echomw.Install
// and middleware.Set.Wrap put it ("errkit") and in front of echo
// ("errkit-front").
func (res *results) goals(w io.Writer) {
	fmt.Fprintln(w, "| goal | case | router | errkit as | measured | met |\n|---|---|---|---|---|---|")
	for _, row := range res.rows {
		for _, impl := range []string{"errkit", "errkit-front"} {
			line := func(goal, measured string, met bool) {
				verdict := "not met"
				if met {
					verdict = "met"
				}
				fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", goal, row.kase, row.router, impl, measured, verdict)
			}
			ns, allocs, ok := res.get(key{row.kase, row.router, impl})
			if !ok {
				continue
			}
			if row.kase == "ok" {
				if base, baseAllocs, ok := res.get(key{row.kase, row.router, "bare"}); ok {
					line("success within 5% of bare", fmt.Sprintf("%.2f×", ns/base), ns <= 1.05*base)
					line("success adds 0 allocations", fmt.Sprintf("%+g", allocs-baseAllocs), allocs <= baseAllocs)
				}
				continue
			}
			if base, baseAllocs, ok := res.get(key{row.kase, row.router, "floor"}); ok {
				line("within 1.2× of the floor", fmt.Sprintf("%.2f×", ns/base), ns <= 1.2*base)
				line("at most floor + 1 allocation", fmt.Sprintf("%+g", allocs-baseAllocs), allocs <= baseAllocs+1)
			}
			for _, other := range []string{"echo", "huma"} {
				if o, _, ok := res.get(key{row.kase, row.router, other}); ok {
					line("faster than "+other, fmt.Sprintf("%.2f× of %s", ns/o, other), ns < o)
				}
			}
		}
	}
}

func main() {
	metric := flag.String("metric", "", "the time `unit` compared: cpu-ns/op or ns/op (default cpu-ns/op when the run reports it)")
	flag.Parse()
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(1)
	}
	if *metric == "" {
		*metric = "ns/op"
		if bytes.Contains(in, []byte(" cpu-ns/op")) {
			*metric = "cpu-ns/op"
		}
	}
	res, err := parse(bytes.NewReader(in), *metric)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(1)
	}
	if len(res.rows) == 0 {
		fmt.Fprintln(os.Stderr, "ratios: no BenchmarkErrkit lines on stdin")
		os.Exit(1)
	}
	fmt.Printf("Ratios of %s (median) to the floor, or to bare on the success path; then allocs/op (and the difference).\n\n", *metric)
	res.table(os.Stdout)
}
