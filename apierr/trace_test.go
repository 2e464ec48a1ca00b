package apierr_test

import (
	"fmt"
	"testing"

	"github.com/errkit/errkit/apierr"
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
