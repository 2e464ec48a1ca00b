package ginmw_test

import (
	"testing"

	"github.com/errkit/errkit/middleware/internal/doortest"
)

// FuzzDoors sends odd paths, request IDs and traceparents to gin: every
// answer is the contract's JSON or the route's own, never a redirect, and
// no request header is reflected unvalidated.
func FuzzDoors(f *testing.F) {
	e, _ := newGin(doortest.Quiet())
	doortest.Fuzz(f, []doortest.Door{{Name: "gin", H: e}})
}
