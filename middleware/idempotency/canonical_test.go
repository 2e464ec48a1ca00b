package idempotency

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
)

func canonString(t testing.TB, in string) (string, bool) {
	t.Helper()
	out, ok := canonicalJSON(nil, []byte(in))
	return string(out), ok
}

func TestCanonicalJSON(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{}`, `{}`},
		{` [ ] `, `[]`},
		{`{"b":1,"a":2}`, `{"a":2,"b":1}`},
		{"{\n  \"amount\" : \"10.00\",\r\n\t\"currency\":\"EUR\"}", `{"amount":"10.00","currency":"EUR"}`},
		{`{"z":{"y":[3,{"d":1,"c":2}],"x":null},"a":true}`, `{"a":true,"z":{"x":null,"y":[3,{"c":2,"d":1}]}}`},
		{`"\u00e9\/\n\"\\"`, `"é/\n\"\\"`},
		{`"\ud83d\ude00"`, `"😀"`},
		{`-0.5e+10`, `-0.5e+10`},
		{`[1.0, 1]`, `[1.0,1]`},
		{`[12345678901234567890, 12345678901234567891]`, `[12345678901234567890,12345678901234567891]`},
		{`{"\u0062":1,"a":0}`, `{"a":0,"b":1}`},
	}
	for _, tt := range tests {
		got, ok := canonString(t, tt.in)
		if !ok || got != tt.want {
			t.Errorf("canonicalJSON(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestCanonicalJSONInvalid(t *testing.T) {
	for _, in := range []string{
		``, ` `, `{`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `[1 2]`, `01`, `1.`, `1e`, `-`, `+1`,
		`"abc`, `"\x"`, `"\u12"`, `"\u12g4"`, "\"a\x01\"", `tru`, `nul`, `{} {}`, `{1:2}`,
		"\"\xff\"", `"\ud83d"`, `{"a":1,"a":2}`,
	} {
		if got, ok := canonString(t, in); ok {
			t.Errorf("canonicalJSON(%q) = %q, ok; want invalid", in, got)
		}
	}
}

func decodeUseNumber(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	err := d.Decode(&v)
	return v, err
}

// FuzzCanonicalJSON checks that the canonical form of a valid document
// decodes to the same value, is itself canonical, and that invalid
// documents are refused.
func FuzzCanonicalJSON(f *testing.F) {
	for _, s := range []string{
		`{"b":1,"a":[1,2,{"d":"x","c":null}]}`, `"\ud83d\ude00"`, `"\ud800\udc00\udc00"`, `[true,false,null]`,
		`{"a":1,"a":2}`, `{"amount":"10.00","currency":"EUR","payee":{"iban":"DE89370400440532013000"}}`,
		`-1.5E-3`, `"\u0000\u001f\u007f"`, `{"\u00e9":1,"é":2}`, `[]`, `{}`, `"\/"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, ok := canonicalJSON(nil, in)
		if !ok {
			// Valid JSON is refused only for invalid UTF-8 or a duplicate
			// member name.
			if json.Valid(in) && isUTF8(in) && jsontext.Value(in).IsValid(jsontext.AllowDuplicateNames(false)) {
				t.Fatalf("valid %q refused", in)
			}
			return
		}
		if !json.Valid(in) {
			t.Fatalf("invalid %q accepted as %q", in, out)
		}
		v1, err := decodeUseNumber(in)
		if err != nil {
			t.Fatal(err)
		}
		v2, err := decodeUseNumber(out)
		if err != nil {
			t.Fatalf("canonical form %q of %q: %v", out, in, err)
		}
		if !reflect.DeepEqual(v1, v2) {
			t.Fatalf("%q decodes to %#v, its canonical form %q to %#v", in, v1, out, v2)
		}
		again, ok := canonicalJSON(nil, out)
		if !ok || !bytes.Equal(again, out) {
			t.Fatalf("canonical form %q is not canonical: %q", out, again)
		}
	})
}

func isUTF8(b []byte) bool {
	return bytes.ToValidUTF8(b, nil) != nil && string(bytes.ToValidUTF8(b, []byte("\uFFFD"))) == string(b)
}

func TestIsJSON(t *testing.T) {
	for ct, want := range map[string]bool{
		"application/json":                  true,
		"Application/JSON; charset=utf-8":   true,
		"application/merge-patch+json":      true,
		"application/problem+json ; q=1":    true,
		"text/plain":                        false,
		"":                                  false,
		"+json":                             false,
		"application/x-www-form-urlencoded": false,
	} {
		if got := isJSON(ct); got != want {
			t.Errorf("isJSON(%q) = %v", ct, got)
		}
	}
}
