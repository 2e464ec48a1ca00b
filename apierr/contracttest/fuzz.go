package contracttest

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// FuzzParse fuzzes c's Parse with the given bodies, each at statuses 0, 422
// and 503, and the bodies c renders for a few of its codes, as seeds. A body
// Parse refuses must give an [*apierr.ParseError] (of the status, if one is
// given); one it accepts must render as valid JSON that parses to the same
// status and renders again to the same bytes.
func FuzzParse(f *testing.F, c apierr.Contract, seeds ...[]byte) {
	f.Helper()
	for _, s := range seeds {
		for _, status := range []int{0, 422, 503} {
			f.Add(status, s)
		}
	}
	for _, e := range []*apierr.Error{
		apierr.New(c.Code(apierr.NotFound)),
		apierr.New(c.Code(apierr.Validation)).WithFields(someFields...),
		apierr.New(c.Code(apierr.Conflict)).With("n", 1.5),
	} {
		f.Add(e.Status(), render(f, c, e).Body.Bytes())
	}
	m := apierr.MetaOf(request(http.MethodGet))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e, err := c.Parse(status, body)
		if err != nil {
			var pe *apierr.ParseError
			if !errors.As(err, &pe) || status != 0 && pe.Status != status {
				t.Fatalf("refused with %T %v, want a *apierr.ParseError of status %d", err, err, status)
			}
			return
		}
		if e.Status() < 400 || e.Status() > 599 {
			t.Fatalf("parsed with status %d", e.Status())
		}
		out, err := apierr.AppendBody(nil, c, e, m)
		if err != nil || !json.Valid(out) {
			t.Fatalf("render: %v: %s", err, out)
		}
		p, err := c.Parse(e.Status(), out)
		if err != nil {
			t.Fatalf("own body does not parse: %v: %s", err, out)
		}
		if p.Status() != e.Status() {
			t.Fatalf("parsed status %d, then %d from %s", e.Status(), p.Status(), out)
		}
		if again, _ := apierr.AppendBody(nil, c, p, m); !bytes.Equal(again, out) {
			t.Fatalf("rendered again differently:\n%s\n%s", out, again)
		}
	})
}

// FuzzAppendBody fuzzes c's bodies: an error of a code of c's catalogue or
// of Nexpay v2's (or no catalogue's), with a cause, and a message, a detail
// and a field error made of fuzzed strings, answering a request of a fuzzed
// request ID and path, must render through [apierr.Render] as valid JSON of
// an error status, without the cause's text, that Parse reads back to the
// status sent.
func FuzzAppendBody(f *testing.F, c apierr.Contract) {
	f.Helper()
	f.Add(uint16(0), "custom", "key", "value", "amount", "gt", "0", "m", "req-1", "/v2/payments/x")
	f.Add(uint16(1), "\x00<>&\u2028\"\\", "fields", "\xff", "a (b): c", "=", ")", ": ", "", "//evil/%zz")
	f.Add(uint16(3), "", "traceId", "B1D88D60011A9BDA350B0EEF7DC8DCBB", "a\nb", "Bad Rule", "\x7f", "", RequestID, "/\xff")
	f.Add(uint16(60), "", "request_id", RequestID, "", "", "", "", "", "")
	f.Add(uint16(9999), "m", "data", "", "", "required", "", "x", "B1D88D60011A9BDA350B0EEF7DC8DCBB", "/")
	codes := append(c.Catalogue().Codes(), apierr.Nexpay.Catalogue().Codes()...)
	f.Fuzz(func(t *testing.T, n uint16, msg, key, value, field, rule, param, fmsg, requestID, path string) {
		code := apierr.Code(n)
		if int(n) < len(codes) {
			code = codes[n]
		}
		if !code.Valid() && c.Catalogue() == apierr.Nexpay.Catalogue() {
			code = c.Code(apierr.Internal)
		}
		e := apierr.New(code).WithCause(errors.New(secret))
		if msg != "" {
			e.Msg(msg)
		}
		if key != "" {
			e.With(key, value)
		}
		if field != "" {
			e.WithFields(apierr.FieldError{Field: field, Rule: rule, Param: param, Message: fmsg})
		}
		r := request(http.MethodGet)
		r.Header.Set("X-Request-Id", requestID)
		r.URL = &url.URL{Path: path}
		rec := httptest.NewRecorder()
		if err := apierr.Render(rec, r, c, e); err != nil {
			t.Fatal(err)
		}
		body := rec.Body.Bytes()
		if !json.Valid(body) || rec.Code < 400 || rec.Code > 599 {
			t.Fatalf("status %d, body %s", rec.Code, body)
		}
		if bytes.Contains(body, []byte(secret)) {
			t.Fatalf("the body shows the cause: %s", body)
		}
		p, err := c.Parse(rec.Code, body)
		if err != nil {
			t.Fatalf("own body does not parse: %v: %s", err, body)
		}
		if p.Status() != rec.Code {
			t.Fatalf("sent %d, parsed %d from %s", rec.Code, p.Status(), body)
		}
	})
}
