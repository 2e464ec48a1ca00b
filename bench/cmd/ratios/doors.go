package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// The doors: errkit's echo v5 and gin doors against each framework's own
// way of answering the same failure (echo v5's default error handler, gin's
// AbortWithStatusJSON), with a new request ID (errkit) and with the
// client's (errkit-id); on the success path against the bare framework and
// the framework behind its own request-ID middleware.
var doorRouters = []struct{ router, own string }{{"echov5", "echo"}, {"gin", "gin"}}

// doors writes the doors table from the two benchmarks of one run and
// returns the rows where a door is not faster than its framework's own
// way, or adds an allocation to the bare framework's success path with the
// client's request ID.
func doors(w io.Writer, alone, served *results, metric string) (slower []string) {
	fmt.Fprintf(w, "Each cell: median %s · B/op · allocs/op. The ratio is errkit's median %s over the framework's own way; met when every sample of errkit's is below every sample of the other's, ≈ when the ranges overlap. On the success path (`ok`) the framework's own way is the bare framework behind its request-ID middleware.\n\n", metric, metric)
	fmt.Fprintln(w, "| case | door | measured | errkit as | errkit | framework's own way | bare | errkit / own way |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	var cases []string
	for _, res := range []*results{alone, served} {
		for _, row := range res.rows {
			if (row.router == "echov5" || row.router == "gin") && !slices.Contains(cases, row.kase) {
				cases = append(cases, row.kase)
			}
		}
	}
	for _, kase := range cases {
		for _, d := range doorRouters {
			for _, m := range []struct {
				name string
				res  *results
			}{{"alone", alone}, {"served", served}} {
				own := m.res.m[key{kase, d.router, d.own}]
				bare := m.res.m[key{kase, d.router, "bare"}]
				for _, impl := range []string{"errkit", "errkit-id"} {
					me := m.res.m[key{kase, d.router, impl}]
					if me == nil || len(me.ns) == 0 {
						continue
					}
					cells := []string{kase, d.router, m.name, impl, triple(me), triple(own), triple(bare)}
					if own == nil || len(own.ns) == 0 {
						cells = append(cells, "–")
						slower = append(slower, fmt.Sprintf("%s %s %s %s: no %s", kase, d.router, m.name, impl, d.own))
					} else {
						r := median(me.ns) / median(own.ns)
						cells = append(cells, fmt.Sprintf("%.2f× %s", r, separated(me.ns, own.ns)))
						if r >= 1 {
							slower = append(slower, fmt.Sprintf("%s %s %s %s: %.2f× %s's time", kase, d.router, m.name, impl, r, d.own))
						}
					}
					if kase == "ok" && impl == "errkit-id" && bare != nil && len(bare.allocs) > 0 && median(me.allocs) > median(bare.allocs) {
						slower = append(slower, fmt.Sprintf("ok %s %s errkit-id: %s allocs/op over bare", d.router, m.name, fmtAllocs(median(me.allocs)-median(bare.allocs), false)))
					}
					fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
				}
			}
		}
	}
	return slower
}
