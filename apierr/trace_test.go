package apierr_test

import (
	"fmt"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
)

func TestTraceHex(t *testing.T) {
	if got := apierr.TraceHex("4BF92F3577B34DA6A3CE929D0E0E4736"); got != "4bf92f3577b34da6a3ce929d0e0e4736" {
		t.Errorf("a trace ID must be kept, lower-cased: %s", got)
	}
	a, b := apierr.TraceHex("req-1"), apierr.TraceHex("req-1")
	if a != b || len(a) != 32 || a == apierr.TraceHex("req-2") {
		t.Errorf("derived trace IDs: %s %s", a, b)
	}
}

func ExampleTraceHex() {
	fmt.Println(apierr.TraceHex("0af7651916cd43dd8448eb211c80319c"))
	// Output: 0af7651916cd43dd8448eb211c80319c
}

// A contract with a trace field says so, also behind an override; the
// trace ID of a request is then derived once, by whoever builds its Meta.
func ExampleShowsTrace() {
	legacy, _ := apierr.Override(nexpaylegacy.Contract, nil)
	fmt.Println(apierr.ShowsTrace(apierr.Nexpay), apierr.ShowsTrace(nexpaylegacy.Contract), apierr.ShowsTrace(legacy),
		apierr.ShowsTrace(cryptopay.Contract), apierr.ShowsTrace(nil))
	// Output: false true true true false
}
