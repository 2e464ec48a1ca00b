package cryptopay

import (
	"testing"

	"github.com/errkit/errkit/apierr/contracttest"
)

// The error statuses the provider's document lists, and whether its table is the whole
// list (see contracttest.Statuses).
func TestStatusesTheDocumentDoesNotList(t *testing.T) {
	contracttest.Statuses(t, Contract, []int{400, 401, 403, 404, 409, 422, 429, 500, 503}, true)
}
