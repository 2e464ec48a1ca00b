package echov5mw_test

import (
	"testing"

	"github.com/errkit/errkit/middleware/internal/doortest"
)

// FuzzDoors sends odd paths, request IDs and traceparents to echo v5:
// every answer is the contract's JSON or the route's own, and no request
// header is reflected unvalidated.
func FuzzDoors(f *testing.F) {
	e, _ := newEcho(doortest.Quiet())
	doortest.Fuzz(f, []doortest.Door{{Name: "echo v5", H: e}})
}
