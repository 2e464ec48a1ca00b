package contracttest_test

import (
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/contracttest"
)

// Nexpay v2 "uses conventional HTTP response codes": its document's summary
// lists 400, 401, 403, 404, 409, 422, 429, 500, 502, 503 and 504.
func TestNexpayStatuses(t *testing.T) {
	contracttest.Statuses(t, apierr.Nexpay, []int{400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504}, false)
}
