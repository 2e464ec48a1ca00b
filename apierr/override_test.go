package apierr_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/apierr/kit"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/apierr/payout"
	"github.com/errkit/errkit/apierr/problem"
)

// foreign is a catalogue no contract speaks, with a code for each status a
// condition stands for, and a few more.
var (
	foreign      = apierr.NewCatalogue("override-test", nil)
	foreignCodes = func() []apierr.Code {
		var codes []apierr.Code
		for _, s := range []int{400, 401, 403, 404, 405, 408, 409, 413, 415, 418, 422, 429, 500, 502, 503, 504, 599} {
			codes = append(codes, foreign.MustRegister(apierr.Spec{ID: "F" + http.StatusText(s), Status: s, Message: "Foreign " + http.StatusText(s)}))
		}
		return codes
	}()
)

// Every contract, every condition, with and without an override of that
// condition: the status line is the status the body states, and the code
// is the one the (overridden) contract names, for the condition's own error
// and for an error of another catalogue whose status stands for it.
func TestOverrideResolvesOnce(t *testing.T) {
	contracts := []apierr.Contract{apierr.Nexpay, problem.Contract, nexpaylegacy.Contract, nextapi.Contract, payout.Contract, cryptopay.Contract}
	for _, c := range contracts {
		for _, cond := range kit.AllConditions() {
			for _, override := range []bool{false, true} {
				oc := c
				if override {
					var err error
					if oc, err = apierr.Override(c, map[apierr.Condition]apierr.Code{cond: otherCode(c, cond)}); err != nil {
						t.Fatal(err)
					}
				}
				want := oc.Code(cond)
				if override && want == c.Code(cond) {
					t.Fatalf("%s %s: the override changed nothing", c.Name(), cond)
				}
				errs := []*apierr.Error{apierr.NewCondition(cond).In(oc)}
				for _, fc := range append(foreignCodes, apierr.Nexpay.Catalogue().Codes()...) {
					if fc.Catalogue() != c.Catalogue() && apierr.ConditionForStatus(fc.Status()) == cond {
						errs = append(errs, apierr.New(fc), apierr.New(fc).Msg("custom message"))
					}
				}
				for _, e := range errs {
					checkResolved(t, c, oc, e, want, override)
				}
			}
		}
	}
}

// otherCode returns a code of c's catalogue other than the one c answers
// cond with, of another status where there is one.
func otherCode(c apierr.Contract, cond apierr.Condition) apierr.Code {
	def := c.Code(cond)
	var other apierr.Code
	for _, code := range c.Catalogue().Codes() {
		if code == def {
			continue
		}
		if code.Status() != def.Status() {
			return code
		}
		if other == 0 {
			other = code
		}
	}
	return other
}

func checkResolved(t *testing.T, c, oc apierr.Contract, e *apierr.Error, want apierr.Code, override bool) {
	t.Helper()
	rec := httptest.NewRecorder()
	if err := apierr.Render(rec, httptest.NewRequest(http.MethodGet, "/v2/payments", nil), oc, e); err != nil {
		t.Fatal(err)
	}
	name := c.Name() + " " + e.ID()
	if override {
		name += " overridden"
	}
	body := rec.Body.Bytes()
	if rec.Code != want.Status() {
		t.Errorf("%s: status line %d, want %d of %s: %s", name, rec.Code, want.Status(), want, body)
	}
	p, err := c.Parse(0, body)
	if err != nil {
		t.Errorf("%s: parse: %v: %s", name, err, body)
		return
	}
	if p.Status() != rec.Code {
		t.Errorf("%s: status line %d, body says %d: %s", name, rec.Code, p.Status(), body)
	}
	if c.Name() == payout.Name {
		// The body carries one code string per status, checked above.
		return
	}
	if p, err = c.Parse(rec.Code, body); err != nil || p.ID() != want.ID() {
		t.Errorf("%s: body's code %v (%v), want %s: %s", name, p, err, want.ID(), body)
	}
}
