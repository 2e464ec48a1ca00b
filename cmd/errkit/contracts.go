package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/apierr/payout"
	"github.com/errkit/errkit/apierr/problem"
)

// contracts are the contracts the CLI knows, by the name --contract takes.
// A contract package adds its line here.
var contracts = map[string]apierr.Contract{
	"nexpay":        apierr.Nexpay,
	"nexpay-legacy": nexpaylegacy.Contract,
	"nextapi":       nextapi.Contract,
	"payout":        payout.Contract,
	"cryptopay":     cryptopay.Contract,
	"problem":       problem.Contract,
}

func contract(name string) (apierr.Contract, error) {
	if c, ok := contracts[name]; ok {
		return c, nil
	}
	return nil, fmt.Errorf("unknown contract %q (known: %s)", name, contractNames())
}

// contractNames lists the contracts' names, sorted, comma-separated.
func contractNames() string {
	names := make([]string, 0, len(contracts))
	for n := range contracts {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
