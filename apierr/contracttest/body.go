package contracttest

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// Body returns c's body of e for r (nil for none), failing t if AppendBody
// fails or the body is not valid JSON: for a contract's own tests of exact
// bodies.
func Body(t testing.TB, c apierr.Contract, e *apierr.Error, r *http.Request) []byte {
	t.Helper()
	b, err := apierr.AppendBody(nil, c, e, apierr.MetaOf(r))
	if err != nil {
		t.Fatalf("AppendBody: %v", err)
	}
	if !json.Valid(b) {
		t.Fatalf("invalid JSON: %s", b)
	}
	return b
}
