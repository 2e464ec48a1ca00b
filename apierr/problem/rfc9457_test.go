package problem

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/errkit/errkit/apierr"
)

// The examples of RFC 9457 itself parse as their responses say: the real
// HTTP status when the body has no status member, and the section 3
// validation example's errors as field errors on the pointers' paths.
func TestParseRFC9457Examples(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		msg    string
		fields []apierr.FieldError
	}{
		{"section 3, validation", 422, `{
 "type": "https://example.net/validation-error",
 "title": "Your request is not valid.",
 "errors": [
             {
               "detail": "must be a positive integer",
               "pointer": "#/age"
             },
             {
               "detail": "must be 'green', 'red' or 'blue'",
               "pointer": "#/profile/color"
             }
          ]
}`, "Your request is not valid.", []apierr.FieldError{
			{Field: "age", Message: "must be a positive integer"},
			{Field: "profile.color", Message: "must be 'green', 'red' or 'blue'"},
		}},
		{"section 3, out of credit", 403, `{
 "type": "https://example.com/probs/out-of-credit",
 "title": "You do not have enough credit.",
 "detail": "Your current balance is 30, but that costs 50.",
 "instance": "/account/12345/msgs/abc",
 "balance": 30,
 "accounts": ["/account/12345", "/account/67890"]
}`, "Your current balance is 30, but that costs 50.", nil},
		{"no status member", 422, `{"type":"about:blank","title":"Unprocessable Content"}`, "Unprocessable Content", nil},
		{"pointers", 400, `{"title":"Bad","errors":[
 {"detail":"a","pointer":"#/items/0/amount"},
 {"detail":"b","pointer":"/a~1b/c~0d"},
 {"detail":"c","pointer":"#/na%20me"},
 {"detail":"d","pointer":"#"},
 {"field":"amount","message":"amount is required","rule":"required"}
]}`, "Bad", []apierr.FieldError{
			{Field: "items[0].amount", Message: "a"},
			{Field: "a/b.c~d", Message: "b"},
			{Field: "na me", Message: "c"},
			{Field: "", Message: "d"},
			{Field: "amount", Rule: "required", Message: "amount is required"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Contract.Parse(tc.status, []byte(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if e.Status() != tc.status {
				t.Errorf("status %d, want %d", e.Status(), tc.status)
			}
			if e.Text() != tc.msg {
				t.Errorf("message %q, want %q", e.Text(), tc.msg)
			}
			if !reflect.DeepEqual(e.Fields(), tc.fields) {
				t.Errorf("fields\n got %+v\nwant %+v", e.Fields(), tc.fields)
			}
		})
	}
}

// FuzzParseRFC9457 parses problem bodies of other servers, seeded with the
// RFC's examples: whatever it accepts keeps the response's status, and
// every entry of errors is a field error.
func FuzzParseRFC9457(f *testing.F) {
	f.Add(422, []byte(`{"type":"https://example.net/validation-error","title":"Your request is not valid.","errors":[{"detail":"must be a positive integer","pointer":"#/age"},{"detail":"must be 'green', 'red' or 'blue'","pointer":"#/profile/color"}]}`))
	f.Add(403, []byte(`{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc","balance":30,"accounts":["/account/12345","/account/67890"]}`))
	f.Add(400, []byte(`{"title":"x","errors":[{"pointer":"#/a~1b/0/%7e0"},{"pointer":"/~"},{"pointer":"#%zz"}]}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e, err := Contract.Parse(status, body)
		if err != nil {
			return
		}
		if status != 0 && e.Status() != status {
			t.Fatalf("status %d parsed as %d", status, e.Status())
		}
	})
}

// FuzzPointerPath builds a JSON pointer of two member names and checks
// that it names the field "a.b", as a plain pointer and as a URI fragment.
func FuzzPointerPath(f *testing.F) {
	f.Add("items", "amount")
	f.Add("a/b", "c~d")
	f.Add("na me", "%41")
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, s := range []string{a, b} {
			if s == "" || isIndex(s) || strings.ContainsAny(s, ".[]") || !utf8.ValidString(s) {
				return
			}
		}
		esc := strings.NewReplacer("~", "~0", "/", "~1")
		p := "/" + esc.Replace(a) + "/" + esc.Replace(b)
		if got := pointerPath(p); got != a+"."+b {
			t.Fatalf("%q names %q, want %q", p, got, a+"."+b)
		}
		frag := "#" + (&url.URL{Path: p}).EscapedPath()
		if got := pointerPath(frag); got != a+"."+b {
			t.Fatalf("%q names %q, want %q", frag, got, a+"."+b)
		}
	})
}
