package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// The guard: errkit's whole set on echo, installed (errkit) and in front
// of echo (errkit-front), against echo's default error handler and huma
// v2 on every error case, on the handler alone (BenchmarkErrkit) and
// through a server (BenchmarkServed).
var (
	guardImpls  = []string{"errkit", "errkit-front"}
	guardOthers = []string{"echo", "huma"}
)

// guard writes the guard table from the two benchmarks of one run and
// returns the rows where errkit is not faster: its median time is not
// below the other's.
func guard(w io.Writer, alone, served *results, metric string) (slower []string) {
	fmt.Fprintf(w, "Each cell: median %s · B/op · allocs/op, on echo. The ratios are errkit's median %s over the other's", metric, metric)
	if metric != "cpu-ns/op" {
		fmt.Fprint(w, " (and of cpu-ns/op, the process's CPU time per request, when the run reports it)")
	}
	fmt.Fprint(w, "; met when every sample of errkit's is below every sample of the other's, ≈ when the ranges overlap.\n\n")
	fmt.Fprintln(w, "| case | measured | errkit as | errkit | echo | huma | errkit / echo | errkit / huma |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	var cases []string
	for _, res := range []*results{alone, served} {
		for _, row := range res.rows {
			if row.kase != "ok" && !slices.Contains(cases, row.kase) {
				cases = append(cases, row.kase)
			}
		}
	}
	for _, kase := range cases {
		for _, m := range []struct {
			name string
			res  *results
		}{{"alone", alone}, {"served", served}} {
			for _, impl := range guardImpls {
				me := m.res.m[key{kase, "echo", impl}]
				if me == nil || len(me.ns) == 0 {
					continue
				}
				cells := []string{kase, m.name, impl, triple(me)}
				for _, other := range guardOthers {
					cells = append(cells, triple(m.res.m[key{kase, "echo", other}]))
				}
				for _, other := range guardOthers {
					o := m.res.m[key{kase, "echo", other}]
					if o == nil || len(o.ns) == 0 {
						cells = append(cells, "–")
						slower = append(slower, fmt.Sprintf("%s %s %s: no %s", kase, m.name, impl, other))
						continue
					}
					r := median(me.ns) / median(o.ns)
					cell := fmt.Sprintf("%.2f× %s", r, separated(me.ns, o.ns))
					if metric != "cpu-ns/op" && len(me.cpu) > 0 && len(o.cpu) > 0 {
						cell += fmt.Sprintf(" · cpu %.2f× %s", median(me.cpu)/median(o.cpu), separated(me.cpu, o.cpu))
					}
					cells = append(cells, cell)
					if r >= 1 {
						slower = append(slower, fmt.Sprintf("%s %s %s: %.2f× %s's time", kase, m.name, impl, r, other))
					}
				}
				fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
			}
		}
	}
	return slower
}

// triple is a cell of medians: time, bytes and allocations (unrounded
// when the run reports mallocs/op).
func triple(s *samples) string {
	if s == nil || len(s.ns) == 0 {
		return "–"
	}
	allocs := s.allocs
	if len(s.mallocs) > 0 {
		allocs = s.mallocs
	}
	return fmt.Sprintf("%.0f ns · %.0f B · %s", median(s.ns), median(s.bytes), fmtAllocs(median(allocs), false))
}

// separated is "met" when every sample of a is below every sample of b,
// "**not met**" when every one is above, and "≈" when the ranges overlap.
func separated(a, b []float64) string {
	switch {
	case slices.Max(a) < slices.Min(b):
		return "met"
	case slices.Min(a) > slices.Max(b):
		return "**not met**"
	}
	return "≈"
}
