package kit_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr/kit"
)

func TestDecodeDetails(t *testing.T) {
	details, fields, err := kit.DecodeDetails([]byte(`{"b":1.10,"a":"x","fields":[{"field":"iban","message":"bad"}],"n":null}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(details) != 3 || details[0].Key != "b" || details[0].Value != json.Number("1.10") || details[2].Value != nil {
		t.Errorf("details %#v", details)
	}
	if len(fields) != 1 || fields[0].Field != "iban" {
		t.Errorf("fields %#v", fields)
	}
	// A "fields" member that is not a list of field errors stays a detail.
	details, fields, _ = kit.DecodeDetails([]byte(`{"fields":"all"}`))
	if len(details) != 1 || fields != nil {
		t.Errorf("details %#v fields %#v", details, fields)
	}
	for _, bad := range []string{`[1]`, `"x"`, `{"a":`, `{"a":1}x`} {
		if _, _, err := kit.DecodeDetails([]byte(bad)); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	if d, f, err := kit.DecodeDetails([]byte(" null ")); d != nil || f != nil || err != nil {
		t.Error("null must decode to nothing")
	}
}

func ExampleDecodeDetails() {
	details, fields, _ := kit.DecodeDetails([]byte(`{"minimum":"10.00","fields":[{"field":"amount","message":"amount is required"}]}`))
	fmt.Println(details[0].Key, details[0].Value, fields[0].Field)
	// Output: minimum 10.00 amount
}

// FuzzTimestamp: the timestamp encoder writes what time's layout writes,
// and the parser reads it back to the millisecond.
func FuzzTimestamp(f *testing.F) {
	f.Add(int64(1768473000123456789))
	f.Add(int64(0))
	f.Add(int64(-1))
	f.Fuzz(func(t *testing.T, ns int64) {
		tm := time.Unix(0, ns)
		s := string(kit.AppendTimestamp(nil, tm))
		if want := tm.UTC().Format(kit.TimestampLayout); s != want {
			t.Fatalf("%d: %s, want %s", ns, s, want)
		}
		if back, err := kit.ParseTimestamp(s); err != nil || !back.Equal(tm.Truncate(time.Millisecond)) {
			t.Fatalf("%d: wrote %s, parsed %v, %v", ns, s, back, err)
		}
	})
}

// FuzzAppendString: the string encoder agrees with encoding/json byte for
// byte.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"BRL", "must be <valid> & \"checked\"", "\u2028\u2029", "\xff\xfe", "a\x00b\x1f\x7f", "\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := kit.AppendString(nil, s); string(got) != string(want) {
			t.Fatalf("AppendString(%q) = %s, encoding/json writes %s", s, got, want)
		}
	})
}

func TestTraceHex(t *testing.T) {
	if got := kit.TraceHex("4BF92F3577B34DA6A3CE929D0E0E4736"); got != "4bf92f3577b34da6a3ce929d0e0e4736" {
		t.Errorf("a trace ID must be kept, lower-cased: %s", got)
	}
	a, b := kit.TraceHex("req-1"), kit.TraceHex("req-1")
	if a != b || len(a) != 32 || a == kit.TraceHex("req-2") {
		t.Errorf("derived trace IDs: %s %s", a, b)
	}
}
