package problem

import (
	"testing"

	"github.com/errkit/errkit/apierr/contracttest"
)

// RFC 9457 uses HTTP's own statuses and this contract the Nexpay v2
// catalogue: a case the Nexpay v2 summary does not list keeps its standard
// status with an extension code, never folded.
func TestStatuses(t *testing.T) {
	contracttest.Statuses(t, Contract, []int{400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504}, false)
}
