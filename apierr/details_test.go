package apierr_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/errkit/errkit/apierr"
)

func TestDecodeDetails(t *testing.T) {
	details, fields, err := apierr.DecodeDetails([]byte(`{"b":1.10,"a":"x","fields":[{"field":"iban","message":"bad"}],"n":null}`))
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
	details, fields, _ = apierr.DecodeDetails([]byte(`{"fields":"all"}`))
	if len(details) != 1 || fields != nil {
		t.Errorf("details %#v fields %#v", details, fields)
	}
	for _, bad := range []string{`[1]`, `"x"`, `{"a":`, `{"a":1}x`} {
		if _, _, err := apierr.DecodeDetails([]byte(bad)); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	if d, f, err := apierr.DecodeDetails([]byte(" null ")); d != nil || f != nil || err != nil {
		t.Error("null must decode to nothing")
	}
}

func TestTraceHex(t *testing.T) {
	if got := apierr.TraceHex("4BF92F3577B34DA6A3CE929D0E0E4736"); got != "4bf92f3577b34da6a3ce929d0e0e4736" {
		t.Errorf("a trace ID must be kept, lower-cased: %s", got)
	}
	a, b := apierr.TraceHex("req-1"), apierr.TraceHex("req-1")
	if a != b || !apierr.IsTraceHex(a) || a == apierr.TraceHex("req-2") {
		t.Errorf("derived trace IDs: %s %s", a, b)
	}
}

func ExampleDecodeDetails() {
	details, fields, _ := apierr.DecodeDetails([]byte(`{"minimum":"10.00","fields":[{"field":"amount","message":"amount is required"}]}`))
	fmt.Println(details[0].Key, details[0].Value, fields[0].Field)
	// Output: minimum 10.00 amount
}

func ExampleTraceHex() {
	fmt.Println(apierr.TraceHex("0af7651916cd43dd8448eb211c80319c"))
	// Output: 0af7651916cd43dd8448eb211c80319c
}
