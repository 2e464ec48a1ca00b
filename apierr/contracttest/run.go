package contracttest

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// Options says what a contract's body cannot carry; the zero Options asks
// the most of it.
type Options struct {
	// NoDetails: the body does not keep details as JSON values (it drops
	// them, or writes them as text), so they are not checked.
	NoDetails bool
	// CodeFromMessage: the body carries one code string per status and
	// Parse finds the code by its message, so a custom message, or another
	// catalogue's code, parses back only as a code of the same status.
	CodeFromMessage bool
	// NoStatus: the body neither states the status nor names a code that
	// implies it, so Parse(0, body) is not checked.
	NoStatus bool
	// Variants, if not nil, returns more errors of code for Codes to
	// check, for what only this contract's body carries.
	Variants func(code apierr.Code) []*apierr.Error
	// ParsesAs, if not nil, returns the error a body of e parses back
	// to, for an error whose body the contract cannot tell from
	// another's (a Payout field code's body is a validation_error body
	// with that field); it returns e for the others.
	ParsesAs func(e *apierr.Error) *apierr.Error
}

// RequestID is the request ID of the requests errors are rendered for, so
// that a trace field derived from it is the same on every rendering.
const RequestID = "b1d88d60011a9bda350b0eef7dc8dcbb"

// secret stands for a cause's text, which no body may show.
const secret = "contracttest: secret cause, dsn=postgres://u:p@db"

func request(method string) *http.Request {
	r := httptest.NewRequest(method, "/v1/contracttest", nil)
	r.Header.Set("X-Request-Id", RequestID)
	return r
}

// render renders e through apierr.Render, as a server answers a GET.
func render(t testing.TB, c apierr.Contract, e *apierr.Error) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	if err := apierr.Render(rec, request(http.MethodGet), c, e); err != nil {
		t.Fatalf("render %v: %v", e, err)
	}
	return rec
}

// Run checks that c keeps the promises of an [apierr.Contract], in
// subtests:
//
//   - Codes: every code of c's catalogue, plain, with a cause, details and a
//     custom message, renders through [apierr.Render] with its status and
//     c's content type as valid JSON without the cause's text (nor, at 5xx,
//     the custom message), parses back to the same ID, status, public
//     message ([apierr.Error.PublicText]), details (numbers as json.Number) and
//     number of field errors, errors.Is the code, and renders again to the
//     same bytes; so do [Options.Variants].
//   - Fields: the code of [apierr.Validation] with two field errors keeps
//     them.
//   - Foreign: every Nexpay v2 code (unless c's catalogue is Nexpay's) is
//     answered with c's code for its status, and a 5xx shows neither its
//     message nor its cause.
//   - BodyAgreesWithStatus: every body, also of codes no catalogue holds,
//     parses without being told the status to the status sent.
//   - NotContract: HTML, empty, truncated and non-object bodies, and a
//     non-error status, give an [*apierr.ParseError] with the status and the
//     first bytes of the body.
//   - Head: a HEAD request gets the status and headers, no body.
//   - Conditions: every [apierr.Condition] has a code of c's catalogue,
//     which renders with its status and Retry-After.
//   - RetryAfter: every error that asks to come back later (status 429 or
//     503, or c's code for [apierr.RateLimited], [apierr.Unavailable] or
//     [apierr.Maintenance]) leaves with Retry-After in whole seconds, at
//     least 1, the default when it carries none; no other gets one.
//   - AuthFailures: every [apierr.AuthFailure] is answered ([kit.AuthCode])
//     with a code of c's catalogue, 4xx unless c has no code for
//     [apierr.Unauthorized], which renders with its status and parses back
//     to it.
func Run(t *testing.T, c apierr.Contract, opts Options) {
	t.Helper()
	t.Run("Codes", func(t *testing.T) { testCodes(t, c, opts) })
	t.Run("Fields", func(t *testing.T) { testFields(t, c, opts) })
	t.Run("Foreign", func(t *testing.T) { testForeign(t, c, opts) })
	if !opts.NoStatus {
		t.Run("BodyAgreesWithStatus", func(t *testing.T) { testBodyStatus(t, c) })
	}
	t.Run("NotContract", func(t *testing.T) { testNotContract(t, c) })
	t.Run("Head", func(t *testing.T) { testHead(t, c) })
	t.Run("Conditions", func(t *testing.T) { testConditions(t, c) })
	t.Run("RetryAfter", func(t *testing.T) { testRetryAfter(t, c) })
	t.Run("AuthFailures", func(t *testing.T) { testAuthFailures(t, c) })
}

func testCodes(t *testing.T, c apierr.Contract, opts Options) {
	codes := c.Catalogue().Codes()
	if len(codes) == 0 {
		t.Fatal("the catalogue has no codes")
	}
	for _, code := range codes {
		variants := []*apierr.Error{apierr.New(code).WithCause(errors.New(secret))}
		if !opts.NoDetails {
			variants = append(variants, apierr.New(code).
				With("amount", json.Number("12.50")).
				With("note", `a <b> & "c" `+"\u2028").
				With("list", []any{"x", json.Number("1e3"), nil, map[string]any{"k": true}}))
		}
		if !opts.CodeFromMessage {
			variants = append(variants, apierr.New(code).Msg(`custom <message> & "quotes"`))
		}
		if opts.Variants != nil {
			variants = append(variants, opts.Variants(code)...)
		}
		for _, e := range variants {
			roundTrip(t, c, code, e, opts)
		}
	}
}

// roundTrip renders e, of code, parses it back and renders it again.
func roundTrip(t *testing.T, c apierr.Contract, code apierr.Code, e *apierr.Error, opts Options) *apierr.Error {
	t.Helper()
	rec := render(t, c, e)
	body := rec.Body.Bytes()
	switch {
	case rec.Code != code.Status():
		t.Errorf("%s: status %d, want %d", code, rec.Code, code.Status())
	case rec.Header().Get("Content-Type") != c.ContentType():
		t.Errorf("%s: Content-Type %q, want %q", code, rec.Header().Get("Content-Type"), c.ContentType())
	case !json.Valid(body):
		t.Errorf("%s: invalid JSON: %s", code, body)
	case bytes.Contains(body, []byte(secret)):
		t.Errorf("%s: the body shows the cause: %s", code, body)
	case code.Status() >= 500 && e.Text() != e.PublicText() && bytes.Contains(body, []byte(e.Text())):
		t.Errorf("%s: a 5xx body shows the custom message: %s", code, body)
	}
	p, err := c.Parse(rec.Code, body)
	if err != nil {
		t.Errorf("%s: parse: %v", code, err)
		return nil
	}
	want := e
	if opts.ParsesAs != nil {
		want = opts.ParsesAs(e)
	}
	if p.ID() != want.ID() || p.Status() != want.Status() || p.Text() != want.PublicText() || !errors.Is(p, want.Code()) || len(p.Fields()) != len(want.Fields()) {
		t.Errorf("%s: parsed as %s %d %q %v from %s", code, p.ID(), p.Status(), p.Text(), p.Fields(), body)
	}
	for _, d := range e.Details() {
		if v, ok := p.Detail(d.Key); !ok || !reflect.DeepEqual(v, d.Value) {
			t.Errorf("%s: detail %s parsed as %#v, want %#v", code, d.Key, v, d.Value)
		}
	}
	if again := render(t, c, p).Body.Bytes(); !bytes.Equal(again, body) {
		t.Errorf("%s: rendered again differently:\n%s\n%s", code, body, again)
	}
	return p
}

// someFields are two field errors, so that no contract can take them for
// the code of one field.
var someFields = []apierr.FieldError{
	{Field: "amount", Rule: "gt", Param: "0", Message: "amount must be positive"},
	{Field: "currency", Rule: "required", Message: "currency is required"},
}

func testFields(t *testing.T, c apierr.Contract, _ Options) {
	code := c.Code(apierr.Validation)
	p := roundTrip(t, c, code, apierr.New(code).WithFields(someFields...), Options{})
	if p == nil {
		return
	}
	got := p.Fields()
	if len(got) != len(someFields) {
		t.Fatalf("parsed fields %v, want %v", got, someFields)
	}
	for i, f := range someFields {
		if got[i].Field != f.Field || got[i].Message != f.Message {
			t.Errorf("field %d parsed as %+v, want %+v", i, got[i], f)
		}
	}
}

func testForeign(t *testing.T, c apierr.Contract, opts Options) {
	if c.Catalogue() == apierr.Nexpay.Catalogue() {
		t.Skip("the contract's catalogue is Nexpay v2's")
	}
	for _, nc := range apierr.Nexpay.Catalogue().Codes() {
		e := apierr.New(nc).WithCause(errors.New(secret))
		if nc.Status() >= 500 {
			e.Msg(secret)
		}
		want := kit.CodeFor(c, nc.Status())
		rec := render(t, c, e)
		body := rec.Body.Bytes()
		if rec.Code != want.Status() {
			t.Errorf("%s: status %d, want %d of %s", nc, rec.Code, want.Status(), want)
		}
		if bytes.Contains(body, []byte(secret)) {
			t.Errorf("%s: the body shows the cause or a 5xx message: %s", nc, body)
		}
		p, err := c.Parse(rec.Code, body)
		if err != nil {
			t.Errorf("%s: parse: %v", nc, err)
			continue
		}
		if p.Status() != want.Status() || !opts.CodeFromMessage && !errors.Is(p, want) {
			t.Errorf("%s: parsed as %s %d, want %s from %s", nc, p.ID(), p.Status(), want, body)
		}
	}
}

func testBodyStatus(t *testing.T, c apierr.Contract) {
	var errs []*apierr.Error
	for _, code := range append(c.Catalogue().Codes(), apierr.Nexpay.Catalogue().Codes()...) {
		errs = append(errs, apierr.New(code))
	}
	for _, status := range []int{400, 404, 418, 422, 451, 500, 503, 599} {
		errs = append(errs, apierr.Nexpay.Catalogue().Unregistered(apierr.Spec{ID: "XYZ0001", Status: status, Message: "Something"}))
	}
	errs = append(errs, nil)
	errs = append(errs, apierr.New(0))
	for _, e := range errs {
		rec := render(t, c, e)
		p, err := c.Parse(0, rec.Body.Bytes())
		if err != nil {
			t.Errorf("%v: %v", e, err)
			continue
		}
		if p.Status() != rec.Code {
			t.Errorf("%v: sent %d, body says %d: %s", e, rec.Code, p.Status(), rec.Body)
		}
	}
}

func testNotContract(t *testing.T, c apierr.Contract) {
	bodies := []string{"", " \n", "<html><body><h1>502 Bad Gateway</h1></body></html>", "[]", "null", `"error"`, "42", "{",
		"<!DOCTYPE html>" + strings.Repeat("<p>upstream unavailable</p>", 40)}
	valid := render(t, c, apierr.New(c.Code(apierr.Validation)).WithFields(someFields...)).Body.String()
	for i := range len(valid) {
		bodies = append(bodies, valid[:i])
	}
	for _, b := range bodies {
		notContract(t, c, http.StatusBadGateway, b)
	}
	notContract(t, c, http.StatusOK, valid)
}

func notContract(t *testing.T, c apierr.Contract, status int, body string) {
	t.Helper()
	p, err := c.Parse(status, []byte(body))
	var pe *apierr.ParseError
	if !errors.As(err, &pe) {
		t.Errorf("Parse(%d, %.40q) = %v, %v; want a *apierr.ParseError", status, body, p, err)
		return
	}
	first := body[:min(len(body), 256)]
	if pe.Status != status || string(pe.Body) != first {
		t.Errorf("Parse(%d, %.40q): ParseError of status %d, body %.40q", status, body, pe.Status, pe.Body)
	}
}

func testHead(t *testing.T, c apierr.Contract) {
	code := c.Code(apierr.NotFound)
	rec := httptest.NewRecorder()
	if err := apierr.Render(rec, request(http.MethodHead), c, apierr.New(code)); err != nil {
		t.Fatal(err)
	}
	if rec.Code != code.Status() || rec.Header().Get("Content-Type") != c.ContentType() || rec.Body.Len() != 0 {
		t.Errorf("HEAD: %d %q with %d bytes, want %d %q and no body", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len(), code.Status(), c.ContentType())
	}
}

func testConditions(t *testing.T, c apierr.Contract) {
	for _, cond := range append(kit.AllConditions(), apierr.Condition(255)) {
		code := c.Code(cond)
		if !code.Valid() || code.Catalogue() != c.Catalogue() || code.Status() < 400 || code.Status() > 599 {
			t.Errorf("%s: code %s of status %d is not an error code of the catalogue", cond, code, code.Status())
			continue
		}
		rec := render(t, c, apierr.NewCondition(cond).In(c).WithRetryAfter(2*time.Second))
		if rec.Code != code.Status() || rec.Header().Get("Retry-After") != "2" {
			t.Errorf("%s: rendered with status %d, Retry-After %q, want %d and 2", cond, rec.Code, rec.Header().Get("Retry-After"), code.Status())
		}
	}
}
