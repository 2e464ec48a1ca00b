package apierr_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
)

func TestCodeIsError(t *testing.T) {
	var err error = apierr.PAY0001
	if err.Error() != "[PAY0001] Payment not found" {
		t.Errorf("Error() = %q", err.Error())
	}
	deep := fmt.Errorf("service: %w", fmt.Errorf("repo: %w", apierr.New(apierr.PAY0001).WithCause(io.EOF)))
	if !errors.Is(deep, apierr.PAY0001) {
		t.Error("errors.Is through two wraps failed")
	}
	if errors.Is(deep, apierr.PAY0002) {
		t.Error("errors.Is matched another code")
	}
	if !errors.Is(deep, io.EOF) {
		t.Error("the cause is not reachable")
	}
	if !errors.Is(fmt.Errorf("x: %w", apierr.PAY0001), apierr.PAY0001) {
		t.Error("a wrapped bare code is not Is itself")
	}
	if !errors.Is(deep, apierr.New(apierr.PAY0001)) {
		t.Error("errors.Is against an *Error of the same code failed")
	}
	if errors.Is(apierr.New(apierr.PAY0001), apierr.Code(0)) {
		t.Error("matched the zero code")
	}
}

func TestErrorBuilders(t *testing.T) {
	e := apierr.New(apierr.QOT0003).With("a", 1).With("b", "x").With("a", 2).Msg("Pair BRL/USD is closed")
	if e.Message() != "[QOT0003] Pair BRL/USD is closed" || e.Text() != "Pair BRL/USD is closed" {
		t.Errorf("message %q text %q", e.Message(), e.Text())
	}
	if v, _ := e.Detail("a"); v != 2 || len(e.Details()) != 2 {
		t.Errorf("details %+v", e.Details())
	}
	e.Msgf("%d left", 3).WithRetryAfter(1500 * time.Millisecond)
	if e.Text() != "3 left" || e.RetryAfter() != 2*time.Second {
		t.Errorf("text %q retry %v", e.Text(), e.RetryAfter())
	}
	if apierr.New(apierr.GEN9013).WithRetryAfter(0).RetryAfter() != time.Second {
		t.Error("Retry-After below one second must round up to 1")
	}
	e.WithHeader("allow", "GET, HEAD").WithHeader("X-Bad\n", "v").WithHeader("X-Evil", "a\r\nSet-Cookie: x")
	if h := e.Header(); len(h) != 2 || h.Get("Retry-After") != "2" || h.Get("Allow") == "" {
		t.Errorf("headers %+v: want Retry-After and Allow, invalid ones dropped", h)
	}
	if e.WithHeader("Retry-After", "30"); e.Header().Get("Retry-After") != "30" || len(e.Header()) != 2 {
		t.Errorf("WithHeader(Retry-After) must replace WithRetryAfter's: %+v", e.Header())
	}
	w := apierr.Wrap(errors.New("db password=hunter2"), apierr.GEN9001)
	if !strings.Contains(w.Error(), "hunter2") {
		t.Error("Error() should carry the cause for logs")
	}
	b, _ := json.Marshal(w)
	if strings.Contains(string(b), "hunter2") {
		t.Error("the cause leaked into the body")
	}
	if got := fmt.Sprintf("%+v", apierr.New(apierr.PYE0003).With("k", "v").WithFields(apierr.FieldError{Field: "iban", Message: "is invalid"})); !strings.Contains(got, "k: v") || !strings.Contains(got, "field iban") {
		t.Errorf("%%+v = %q", got)
	}
	m := apierr.New(apierr.PAY0001).WithDetails(map[string]any{"z": 1, "a": 2})
	if m.Details()[0].Key != "a" {
		t.Error("WithDetails must add keys in sorted order")
	}
}

func TestAs(t *testing.T) {
	e, ok := apierr.As(fmt.Errorf("x: %w", apierr.PAY0001))
	if !ok || e.Code() != apierr.PAY0001 {
		t.Fatalf("As(bare code) = %v, %v", e, ok)
	}
	orig := apierr.New(apierr.PAY0002)
	if e, ok := apierr.As(fmt.Errorf("x: %w", orig)); !ok || e != orig {
		t.Error("As must return the *Error in the chain")
	}
	if _, ok := apierr.As(context.Canceled); ok {
		t.Error("As(foreign error) reported true")
	}
	if _, ok := apierr.As(nil); ok {
		t.Error("As(nil) reported true")
	}
}

func TestRegister(t *testing.T) {
	if !isolated(t) {
		return
	}
	code, err := apierr.Register("PAY0100", 409, "Payment already settled")
	if err != nil {
		t.Fatal(err)
	}
	if code.Status() != 409 || code.Message() != "Payment already settled" || code.Module().Name != "Payments" || code.Error() != "[PAY0100] Payment already settled" {
		t.Errorf("registered code: %v %d %q %v", code, code.Status(), code.Message(), code.Module())
	}
	if got, ok := apierr.Nexpay.Catalogue().Lookup("PAY0100"); !ok || got != code {
		t.Error("lookup of the registered code failed")
	}
	if !errors.Is(apierr.New(code), code) || errors.Is(apierr.New(code), apierr.PAY0001) {
		t.Error("errors.Is on a registered code")
	}
	for _, tc := range []struct {
		id      string
		status  int
		message string
		why     string
	}{
		{"PAY100", 409, "x", "3 capital letters and 4 digits"},
		{"pay0101", 409, "x", "3 capital letters and 4 digits"},
		{"PAY01010", 409, "x", "3 capital letters and 4 digits"},
		{"PAYX101", 409, "x", "3 capital letters and 4 digits"},
		{"PAY0102", 200, "x", "not an error status"},
		{"PAY0103", 600, "x", "not an error status"},
		{"PAY0104", 409, "", "empty message"},
		{"PAY0001", 404, "Payment not found", "already has"},
		{"PAY0100", 409, "again", "already has"},
		{"XYZ0001", 400, "x", "module XYZ is not declared"},
	} {
		_, err := apierr.Register(tc.id, tc.status, tc.message)
		if err == nil || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("Register(%q, %d, %q) = %v, want an error saying %q", tc.id, tc.status, tc.message, err, tc.why)
		}
	}
	cat := apierr.Nexpay.Catalogue()
	if err := cat.AddModule(apierr.Module{Prefix: "XYZ", Name: "Custom"}); err != nil {
		t.Fatal(err)
	}
	if _, err := apierr.Register("XYZ0001", 400, "Custom failure"); err != nil {
		t.Errorf("after AddModule: %v", err)
	}
	if err := cat.AddModule(apierr.Module{Prefix: "XYZ", Name: "Again"}); err == nil {
		t.Error("a module declared twice was accepted")
	}
	if err := cat.AddModule(apierr.Module{Prefix: "xy", Name: "Bad"}); err == nil {
		t.Error("a malformed prefix was accepted")
	}
	defer func() {
		if recover() == nil {
			t.Error("MustRegister of a duplicate did not panic")
		}
	}()
	apierr.MustRegister("PAY0001", 404, "dup")
}

func TestOverride(t *testing.T) {
	if !isolated(t) {
		return
	}
	mine := apierr.MustRegister("GEN8429", 429, "Slow down")
	c, err := apierr.Override(apierr.Nexpay, map[apierr.Condition]apierr.Code{apierr.RateLimited: mine})
	if err != nil {
		t.Fatal(err)
	}
	if c.Code(apierr.RateLimited) != mine || c.Code(apierr.NotFound) != apierr.GEN9404 || c.Name() != "nexpay" {
		t.Error("override did not take, or changed other conditions")
	}
	if apierr.Nexpay.Code(apierr.RateLimited) != apierr.GEN9429 {
		t.Error("override changed the default contract")
	}
	other := apierr.NewCatalogue("other", nil)
	foreign := other.MustRegister(apierr.Spec{ID: "slow", Status: 429, Message: "slow"})
	if _, err := apierr.Override(apierr.Nexpay, map[apierr.Condition]apierr.Code{apierr.RateLimited: foreign}); err == nil {
		t.Error("a code of another catalogue was accepted")
	}
}

func TestConditionForStatus(t *testing.T) {
	for status, want := range map[int]apierr.Condition{
		400: apierr.BadRequest, 401: apierr.Unauthorized, 403: apierr.Forbidden, 404: apierr.NotFound,
		405: apierr.MethodNotAllowed, 408: apierr.RequestTimeout, 409: apierr.Conflict, 413: apierr.TooLarge,
		415: apierr.UnsupportedMediaType, 422: apierr.Validation, 429: apierr.RateLimited, 418: apierr.BadRequest,
		500: apierr.Internal, 501: apierr.Internal, 502: apierr.BadGateway, 503: apierr.Unavailable, 504: apierr.Timeout,
	} {
		if got := apierr.ConditionForStatus(status); got != want {
			t.Errorf("%d: %s, want %s", status, got, want)
		}
	}
	if apierr.Nexpay.Code(apierr.ConditionForStatus(404)) != apierr.GEN9404 {
		t.Error("CodeFor")
	}
}

func TestConditionError(t *testing.T) {
	ce := apierr.NewCondition(apierr.Validation).WithFields(apierr.FieldError{Field: "amount", Rule: "required", Message: "amount is required"}).With("offset", 3).WithCause(io.ErrUnexpectedEOF)
	e := ce.In(apierr.Nexpay)
	if e.Code() != apierr.GEN9002 || len(e.Fields()) != 1 || !errors.Is(e, io.ErrUnexpectedEOF) {
		t.Errorf("In: %+v", e)
	}
	if v, _ := e.Detail("offset"); v != 3 {
		t.Error("details lost")
	}
	if !strings.HasPrefix(ce.Error(), "validation") || !errors.Is(ce, io.ErrUnexpectedEOF) {
		t.Errorf("Error() = %q", ce.Error())
	}
}

func TestCodeText(t *testing.T) {
	b, err := apierr.QOT0001.MarshalText()
	if err != nil || string(b) != "QOT0001" {
		t.Fatalf("MarshalText = %s, %v", b, err)
	}
	var c apierr.Code
	if err := c.UnmarshalText([]byte("QOT0001")); err != nil || c != apierr.QOT0001 {
		t.Errorf("UnmarshalText = %v, %v", c, err)
	}
	if err := c.UnmarshalText([]byte("NOPE")); err == nil {
		t.Error("unknown ID accepted")
	}
	if _, err := apierr.Code(0).MarshalText(); err == nil || apierr.Code(0).Valid() {
		t.Error("zero code")
	}
	if apierr.Code(999999).String() != "Code(999999)" || apierr.Code(999999).Status() != 500 {
		t.Error("out-of-range code")
	}
}

// Retry-After is one header, whichever call set it last, and RetryAfter
// reads it.
func TestRetryAfterIsOneHeader(t *testing.T) {
	e := apierr.NewRetryAfter(apierr.GEN9429, time.Minute, "Retry-After", "5", "Ratelimit-Limit", "10")
	if e.RetryAfter() != 5*time.Second || len(e.Header()) != 2 || e.Header().Get("Retry-After") != "5" {
		t.Errorf("a Retry-After pair must replace d: %v, %v", e.RetryAfter(), e.Header())
	}
	e.WithRetryAfter(90 * time.Second)
	if e.RetryAfter() != 90*time.Second || e.Header().Get("Retry-After") != "90" || len(e.Header()) != 2 {
		t.Errorf("WithRetryAfter after: %v, %v", e.RetryAfter(), e.Header())
	}
	e.WithHeader("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")
	if e.RetryAfter() != 0 || e.Header().Get("Retry-After") != "Wed, 21 Oct 2026 07:28:00 GMT" {
		t.Errorf("an HTTP date: RetryAfter %v, header %v", e.RetryAfter(), e.Header())
	}
	if apierr.New(apierr.GEN9001).RetryAfter() != 0 {
		t.Error("no Retry-After: want 0")
	}
}

// NewRetryAfter is New, WithRetryAfter and WithHeader for each pair;
// headers past its room are kept too, in order.
func TestNewRetryAfter(t *testing.T) {
	for _, pairs := range [][]string{nil, {"X-Odd"}, {"x-a", "A"}, {"X-A", "A", "X-Bad\n", "v", "X-B"}} {
		e := apierr.NewRetryAfter(apierr.GEN9013, 1500*time.Millisecond, pairs...)
		if e.Code() != apierr.GEN9013 || e.RetryAfter() != 2*time.Second || e.Time().IsZero() {
			t.Fatalf("code %v, retry %v, time %v", e.Code(), e.RetryAfter(), e.Time())
		}
		want := http.Header{"Retry-After": {"2"}}
		if len(pairs) >= 2 { // the odd name, and the invalid one, are dropped
			want["X-A"] = []string{"A"}
		}
		for _, k := range []string{"C", "D", "E", "F"} {
			e.WithHeader("X-"+k, k)
			want["X-"+k] = []string{k}
		}
		if got := e.Header(); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: headers %v, want %v", pairs, got, want)
		}
	}
}

// Render gives each response header values of its own: writing into one
// response's changes neither the error nor another response.
func TestRenderOwnHeaderValues(t *testing.T) {
	e := apierr.New(apierr.GEN9429).WithRetryAfter(150*time.Second).
		WithHeader("Ratelimit-Limit", "100").
		With("limit", 100)
	a, b := &headerSink{h: http.Header{}}, &headerSink{h: http.Header{}}
	for _, w := range []*headerSink{a, b} {
		if err := apierr.Render(w, nil, apierr.Nexpay, e); err != nil {
			t.Fatal(err)
		}
	}
	if ra, l := a.h.Get("Retry-After"), a.h.Get("Ratelimit-Limit"); ra != "150" || l != "100" {
		t.Errorf("Retry-After %q, Ratelimit-Limit %q", ra, l)
	}
	for _, k := range []string{"Retry-After", "Ratelimit-Limit", "Content-Type", "Cache-Control"} {
		a.h[k][0] = "changed"
		if b.h.Get(k) == "changed" || e.Header().Get(k) == "changed" {
			t.Errorf("%s: a write to one response's value changed another's", k)
		}
	}
}

type headerSink struct{ h http.Header }

func (w *headerSink) Header() http.Header         { return w.h }
func (w *headerSink) WriteHeader(int)             {}
func (w *headerSink) Write(b []byte) (int, error) { return len(b), nil }

var sinkErr *apierr.Error // makes what a test builds escape, as in a server

var keys = []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"}

// Every In, even at once on a shared condition, returns an error of its
// own.
func TestConditionIn(t *testing.T) {
	ce := apierr.NewCondition(apierr.Validation).With("limit", 3).
		WithFields(apierr.FieldError{Field: "amount", Rule: "required", Message: "amount is required"})
	ce.Message = "Check the amount"
	var mu sync.Mutex
	seen := map[*apierr.Error]bool{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			e := ce.In(apierr.Nexpay)
			if e.Code() != apierr.GEN9002 || e.Message() != "[GEN9002] Check the amount" || len(e.Fields()) != 1 {
				t.Errorf("In = %v %q %v", e.Code(), e.Message(), e.Fields())
			}
			if v, ok := e.Detail("limit"); !ok || v != 3 {
				t.Errorf("detail limit = %v, %v", v, ok)
			}
			e.With("mine", true) // each caller may change its own error
			mu.Lock()
			seen[e] = true
			mu.Unlock()
		})
	}
	wg.Wait()
	if len(seen) != 8 {
		t.Errorf("8 calls of In returned %d distinct errors", len(seen))
	}

	// Fields added to one error are not seen by another from the same
	// condition, even where the condition's list has room to spare.
	ce = apierr.NewCondition(apierr.Validation)
	ce.Fields = make([]apierr.FieldError, 1, 4)
	a, b := ce.In(nil), ce.In(nil)
	a.WithFields(apierr.FieldError{Field: "a"})
	b.WithFields(apierr.FieldError{Field: "b"})
	if len(a.Fields()) != 2 || a.Fields()[1].Field != "a" || b.Fields()[1].Field != "b" {
		t.Errorf("fields shared between errors: %v and %v", a.Fields(), b.Fields())
	}
}

// Details keep their order and values as they outgrow the room for four
// cut from a batch; a repeated key replaces.
func TestWithKeepsOrderPastItsRoom(t *testing.T) {
	for n := range len(keys) + 1 {
		e := apierr.New(apierr.QOT0003)
		for i := range n {
			e.With(keys[i], i)
		}
		if n > 0 {
			e.With(keys[n/2], "again")
		}
		got := e.Details()
		if len(got) != n {
			t.Fatalf("%d details: got %d", n, len(got))
		}
		for i, d := range got {
			want := any(i)
			if i == n/2 {
				want = "again"
			}
			if d.Key != keys[i] || d.Value != want {
				t.Errorf("%d details: [%d] = %v, want %s=%v", n, i, d, keys[i], want)
			}
		}
	}
}
