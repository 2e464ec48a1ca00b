package kit_test

import (
	"fmt"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

func ExampleCodeFor() {
	fmt.Println(kit.CodeFor(apierr.Nexpay, 405).Error())
	// Output: [GEN9405] Method not allowed
}

func ExampleAppendString() {
	fmt.Println(string(kit.AppendString(nil, `a "quoted" <b>`)))
	// Output: "a \"quoted\" \u003cb\u003e"
}

func ExampleAppendTimestamp() {
	t := time.Date(2026, 1, 15, 7, 30, 0, 5e6, time.FixedZone("BRT", -3*3600))
	fmt.Println(string(kit.AppendTimestamp(nil, t)))
	// Output: 2026-01-15T10:30:00.005Z
}
