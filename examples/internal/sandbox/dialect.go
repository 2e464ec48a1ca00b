package sandbox

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/apierr/payout"
	"github.com/errkit/errkit/apierr/problem"
)

// A Dialect is the error contract the sandbox answers in, with the codes
// its catalogue has for the sandbox's common failures.
type Dialect struct {
	Contract apierr.Contract
	Roles    Roles
}

// Roles are the codes a contract answers credentials and unknown
// resources with, the shape of each contract package's Roles.
type Roles struct {
	MissingCredentials, InvalidCredentials, Forbidden, ResourceNotFound apierr.Code
}

var dialects = map[string]Dialect{
	"nexpay":        {apierr.Nexpay, Roles{apierr.GEN9003, apierr.AUT0003, apierr.GEN9004, 0}},
	"nexpay-legacy": {nexpaylegacy.Contract, nexpaylegacy.Roles},
	"nextapi":       {nextapi.Contract, nextapi.Roles},
	"payout":        {payout.Contract, payout.Roles},
	"cryptopay":     {cryptopay.Contract, cryptopay.Roles},
	"problem":       {problem.Contract, problem.Roles},
}

// ContractNames returns the names -contract takes, sorted.
func ContractNames() []string { return slices.Sorted(maps.Keys(dialects)) }

// DialectNamed returns the dialect of the -contract flag.
func DialectNamed(name string) (Dialect, error) {
	d, ok := dialects[name]
	if !ok {
		return Dialect{}, fmt.Errorf("unknown contract %q (known: %s)", name, strings.Join(ContractNames(), ", "))
	}
	return d, nil
}

// Classifier wraps a door's classifier (middleware.Classify,
// echomw.Classify, ...) so that, in a contract of another catalogue, the
// sandbox's Nexpay v2 codes for credentials, unknown resources and
// invalid fields become the contract's own. Other Nexpay v2 codes are left
// to the contract, which answers them with its code for their status.
func (d Dialect) Classifier(base func(error, apierr.Contract) (*apierr.Error, bool)) func(error, apierr.Contract) (*apierr.Error, bool) {
	nexpay := apierr.Nexpay.Catalogue()
	if d.Contract.Catalogue() == nexpay {
		return base
	}
	return func(err error, c apierr.Contract) (*apierr.Error, bool) {
		e, ok := base(err, c)
		if !ok || e.Code().Catalogue() != nexpay {
			return e, ok
		}
		if code := d.Recode(e.Code(), len(e.Fields()) > 0); code != 0 {
			return d.recode(e, code), true
		}
		return e, true
	}
}

// Recode returns the code of d's contract that a Nexpay v2 code of the
// sandbox becomes (fields says the error lists invalid fields), or 0 when
// the contract answers it with its code for the status. Its classifier and
// its OpenAPI document both go by it.
func (d Dialect) Recode(code apierr.Code, fields bool) apierr.Code {
	switch {
	case d.Contract.Catalogue() == apierr.Nexpay.Catalogue():
		return 0
	case code == apierr.GEN9003:
		return d.Roles.MissingCredentials
	case code == apierr.AUT0003:
		return d.Roles.InvalidCredentials
	case code == apierr.GEN9004:
		return d.Roles.Forbidden
	case code.Status() == 404 && code != apierr.GEN9404:
		return d.Roles.ResourceNotFound
	case code.Status() == 400 && fields: // PYE0003, GWY0003
		return d.Contract.Code(apierr.Validation)
	}
	return 0
}

// recode returns e as an error of code, with its details, fields, headers
// and time; e is its cause.
func (d Dialect) recode(e *apierr.Error, code apierr.Code) *apierr.Error {
	if code == 0 {
		return e
	}
	out := apierr.New(code).WithCause(e).WithFields(e.Fields()...).At(e.Time())
	for _, kv := range e.Details() {
		out.With(kv.Key, kv.Value)
	}
	for k, v := range e.Header() { // Retry-After among them
		out.WithHeader(k, v[0])
	}
	return out
}
