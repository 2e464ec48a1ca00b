// Command ratios turns the output of the bench suite (go test -bench,
// -benchmem, any -count) into the Markdown table of BENCHMARKS.md: each
// implementation's median ns/op as a ratio to the case's baseline (the
// floor, or bare for the success path), its allocations, and the goals
// marked met or not met.
//
//	go test -run '^$' -bench . -benchmem -count 6 | tee new.txt
//	go run ./cmd/ratios < new.txt
//	go run ./cmd/ratios -update ../BENCHMARKS.md < new.txt
//	go run ./cmd/ratios -bench Served -update ../BENCHMARKS.md < new.txt
//
// -bench picks the benchmark read: Errkit (the handlers against a writer
// that costs nothing) or Served (round trips through a real server); the
// tables of Served go between the served-ratios and served-goals markers.
//
// The time compared is cpu-ns/op, the CPU time per request, when the run
// reports it, else ns/op; -metric ns/op picks wall time.
//
// -guard writes one table instead, from both benchmarks of the run: on each
// error case, errkit's set on echo beside echo's default error handler and
// huma v2, on the handler alone and through a server, with each one's
// median ns/op, B/op and allocs/op and errkit's time as a ratio to theirs
// (in ns/op, and in cpu-ns/op beside it). It exits with status 2, naming
// the rows on stderr, when errkit is not faster on one of them.
//
//	go run ./cmd/ratios -guard < new.txt
//
// -doors writes the table of the echo v5 and gin doors the same way: each
// against its framework's own way of answering the same failure, with a
// new request ID and with the client's, and the success path against the
// bare framework; it exits with status 2 where a door is slower or adds an
// allocation with the client's ID.
//
//	go run ./cmd/ratios -doors -update ../docs/doors.md < new.txt
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// impls are the columns, the baseline first.
var impls = []string{"floor", "bare", "bare-id", "echo", "gin", "huma", "errkit-render", "errkit-handler", "errkit", "errkit-id", "errkit-front"}

type key struct{ kase, router, impl string }

type samples struct {
	ns      []float64 // the metric compared
	cpu     []float64 // cpu-ns/op, when the run reports it
	bytes   []float64 // B/op
	allocs  []float64
	mallocs []float64 // allocations unrounded, when the run reports them
}

type results struct {
	m     map[key]*samples
	rows  []key // case and router, in order of appearance
	cases []string
}

// parse reads benchmark lines named
// Benchmark<bench>/case=<case>/router=<router>/impl=<impl>-<procs>.
func parse(r io.Reader, bench, metric string) (*results, error) {
	res := &results{m: map[key]*samples{}}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark"+bench+"/") {
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
			if f[i+1] == metric {
				s.ns = append(s.ns, v)
			}
			switch f[i+1] {
			case "cpu-ns/op":
				s.cpu = append(s.cpu, v)
			case "B/op":
				s.bytes = append(s.bytes, v)
			case "allocs/op":
				s.allocs = append(s.allocs, v)
			case "mallocs/op":
				s.mallocs = append(s.mallocs, v)
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

// get returns k's median time and allocations, unrounded when the run
// reports mallocs/op.
func (res *results) get(k key) (ns, allocs float64, ok bool) {
	s := res.m[k]
	if s == nil || len(s.ns) == 0 {
		return 0, 0, false
	}
	if len(s.mallocs) > 0 {
		return median(s.ns), median(s.mallocs), true
	}
	return median(s.ns), median(s.allocs), true
}

// faster compares a's times with b's over every sample: "met" when all of
// a's are below all of b's, "**not met**" when all are above, and "≈"
// when the two ranges overlap, a difference within the noise.
func (res *results) faster(a, b key) string {
	sa, sb := res.m[a], res.m[b]
	switch {
	case slices.Max(sa.ns) < slices.Min(sb.ns):
		return "met"
	case slices.Min(sa.ns) > slices.Max(sb.ns):
		return "**not met**"
	}
	return "≈ (ranges overlap)"
}

// slack is the fraction of an allocation per request counted as none: a
// batch allocated once every 64 requests (request IDs) is +0.03.
const slack = 0.05

func baseline(row key) string {
	if row.kase == "ok" {
		return "bare"
	}
	return "floor"
}

// table writes the ratio table.
func (res *results) table(w io.Writer) {
	var cols []string
	for _, impl := range impls {
		if impl == "bare" {
			continue // shares the floor's column
		}
		for _, row := range res.rows {
			if impl == "floor" {
				cols = append(cols, impl)
				break
			}
			if _, ok := res.m[key{row.kase, row.router, impl}]; ok {
				cols = append(cols, impl)
				break
			}
		}
	}
	head := strings.Join(cols, " | ")
	head = strings.Replace(head, "floor", "floor (bare)", 1)
	fmt.Fprintf(w, "| case | router | %s |\n|---|---|%s\n", head, strings.Repeat("---|", len(cols)))
	for _, row := range res.rows {
		base, baseAllocs, ok := res.get(key{row.kase, row.router, baseline(row)})
		fmt.Fprintf(w, "| %s | %s |", row.kase, row.router)
		for _, impl := range cols {
			if impl == "floor" {
				impl = baseline(row)
			}
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
}

func allocsCell(allocs, base float64) string {
	if allocs == base {
		return fmtAllocs(allocs, false)
	}
	return fmtAllocs(allocs, false) + " (" + fmtAllocs(allocs-base, true) + ")"
}

// fmtAllocs formats a count of allocations, with its sign when signed:
// whole when it is within 0.005 of one, else with two decimals.
func fmtAllocs(n float64, signed bool) string {
	verb := "%.2f"
	if r := math.Round(n); math.Abs(n-r) < 0.005 {
		n, verb = r+0, "%g" // +0: no "-0"
	}
	if signed {
		verb = "%+" + verb[1:]
	}
	return fmt.Sprintf(verb, n)
}

// goals checks the goals against the whole errkit set, as echomw.Install
// and middleware.Set.Wrap put it ("errkit") and in front of echo
// ("errkit-front"): one table for the error path, one for success.
func (res *results) goals(w io.Writer) {
	verdict := func(measured string, met bool) string {
		if met {
			return measured + " met"
		}
		return measured + " **not met**"
	}
	var errs, oks []string
	for _, row := range res.rows {
		for _, impl := range []string{"errkit", "errkit-front"} {
			ns, allocs, ok := res.get(key{row.kase, row.router, impl})
			if !ok {
				continue
			}
			cells := []string{row.kase, row.router, impl}
			if row.kase == "ok" {
				base, baseAllocs, ok := res.get(key{row.kase, row.router, "bare"})
				if !ok {
					continue
				}
				ratio := fmt.Sprintf("%.2f×", ns/base)
				cells = append(cells,
					verdict(ratio, ns <= 1.05*base), verdict(ratio, ns <= 1.1*base),
					verdict(fmtAllocs(allocs-baseAllocs, true), allocs <= baseAllocs+slack))
				oks = append(oks, "| "+strings.Join(cells, " | ")+" |")
				continue
			}
			if base, baseAllocs, ok := res.get(key{row.kase, row.router, "floor"}); ok {
				cells = append(cells,
					verdict(fmt.Sprintf("%.2f×", ns/base), ns <= 1.2*base),
					verdict(fmtAllocs(allocs-baseAllocs, true), allocs <= baseAllocs+1+slack))
			} else {
				cells = append(cells, "", "")
			}
			for _, other := range []string{"echo", "huma"} {
				if o, _, ok := res.get(key{row.kase, row.router, other}); ok {
					v := res.faster(key{row.kase, row.router, impl}, key{row.kase, row.router, other})
					cells = append(cells, fmt.Sprintf("%.2f× %s", ns/o, v))
				} else {
					cells = append(cells, "")
				}
			}
			errs = append(errs, "| "+strings.Join(cells, " | ")+" |")
		}
	}
	if len(errs) > 0 {
		fmt.Fprintln(w, "Error path: errkit's time as a ratio to the floor, to echo's default handler and to huma; allocations over the floor's. Faster is met when every sample of errkit's is below every sample of the other's, ≈ when the ranges overlap; a fraction of an allocation under 0.05 per request counts as none.")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| case | router | errkit as | ≤ 1.2× floor | ≤ floor + 1 alloc | faster than echo (< 1×) | faster than huma (< 1×) |")
		fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
		fmt.Fprintln(w, strings.Join(errs, "\n"))
	}
	if len(oks) > 0 {
		if len(errs) > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, "Success path: errkit's time as a ratio to bare; allocations over bare's.")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| case | router | errkit as | within 5% of bare | within 10% of bare | 0 added allocations |")
		fmt.Fprintln(w, "|---|---|---|---|---|---|")
		fmt.Fprintln(w, strings.Join(oks, "\n"))
	}
}

func main() {
	metric := flag.String("metric", "", "the time `unit` compared: cpu-ns/op or ns/op (default cpu-ns/op when the run reports it)")
	bench := flag.String("bench", "Errkit", "the `benchmark` read: Errkit or Served")
	guardTable := flag.Bool("guard", false, "write one table: errkit against echo and huma on every error case, on the handler alone and through a server, from both benchmarks (between <!-- guard:begin/end --> with -update; the time compared is ns/op unless -metric says otherwise)")
	doorsTable := flag.Bool("doors", false, "write one table: the echo v5 and gin doors against each framework's own way, on the handler alone and through a server (between <!-- doors:begin/end --> with -update, as -guard)")
	update := flag.String("update", "", "write the tables into `file` (BENCHMARKS.md) between its <!-- ratios:begin/end --> and <!-- goals:begin/end --> markers (served-ratios, served-goals for -bench Served)")
	flag.Parse()
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(1)
	}
	if *guardTable {
		os.Exit(runBoth(in, *metric, *update, "guard", guard))
	}
	if *doorsTable {
		os.Exit(runBoth(in, *metric, *update, "doors", doors))
	}
	if *metric == "" {
		*metric = "ns/op"
		if bytes.Contains(in, []byte(" cpu-ns/op")) {
			*metric = "cpu-ns/op"
		}
	}
	res, err := parse(bytes.NewReader(in), *bench, *metric)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(1)
	}
	if len(res.rows) == 0 {
		fmt.Fprintf(os.Stderr, "ratios: no Benchmark%s lines on stdin\n", *bench)
		os.Exit(1)
	}
	var table, goals bytes.Buffer
	fmt.Fprintf(&table, "Each cell: median %s as a ratio to the floor (to bare on the success path) · allocs/op (and the difference).\n\n", *metric)
	res.table(&table)
	res.goals(&goals)
	if *update == "" {
		fmt.Printf("%s\n%s", table.Bytes(), goals.Bytes())
		return
	}
	prefix := ""
	if *bench != "Errkit" {
		prefix = strings.ToLower(*bench) + "-"
	}
	doc, err := os.ReadFile(*update)
	if err == nil {
		doc, err = replace(doc, prefix+"ratios", table.Bytes())
	}
	if err == nil {
		doc, err = replace(doc, prefix+"goals", goals.Bytes())
	}
	if err == nil {
		err = os.WriteFile(*update, doc, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(1)
	}
}

// replace puts text between the markers <!-- name:begin --> and
// <!-- name:end --> of doc.
func replace(doc []byte, name string, text []byte) ([]byte, error) {
	begin, end := []byte("<!-- "+name+":begin -->\n"), []byte("<!-- "+name+":end -->")
	i, j := bytes.Index(doc, begin), bytes.Index(doc, end)
	if i < 0 || j < i {
		return nil, fmt.Errorf("no %s and %s markers in order", begin[:len(begin)-1], end)
	}
	out := append([]byte(nil), doc[:i+len(begin)]...)
	out = append(out, text...)
	return append(out, doc[j:]...), nil
}

// runBoth writes the table write makes from both benchmarks (the guard or
// the doors) to stdout, or into the file update between the markers of
// name, and says on stderr where errkit is not faster; it returns the exit
// code.
func runBoth(in []byte, metric, update, name string, write func(io.Writer, *results, *results, string) []string) int {
	if metric == "" {
		metric = "ns/op"
	}
	alone, err := parse(bytes.NewReader(in), "Errkit", metric)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		return 1
	}
	served, err := parse(bytes.NewReader(in), "Served", metric)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		return 1
	}
	if len(alone.rows) == 0 && len(served.rows) == 0 {
		fmt.Fprintln(os.Stderr, "ratios: no BenchmarkErrkit or BenchmarkServed lines on stdin")
		return 1
	}
	var table bytes.Buffer
	slower := write(&table, alone, served, metric)
	if update == "" {
		os.Stdout.Write(table.Bytes())
	} else {
		doc, err := os.ReadFile(update)
		if err == nil {
			doc, err = replace(doc, name, table.Bytes())
		}
		if err == nil {
			err = os.WriteFile(update, doc, 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "ratios:", err)
			return 1
		}
	}
	for _, s := range slower {
		fmt.Fprintln(os.Stderr, "ratios: errkit not faster:", s)
	}
	if len(slower) > 0 {
		return 2
	}
	return 0
}
