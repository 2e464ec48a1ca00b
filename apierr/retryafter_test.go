package apierr_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
)

// A handler that returns GEN9013 or a 429 without saying when still sends
// Retry-After: the documented default, or the one set.
func TestDefaultRetryAfter(t *testing.T) {
	retryAfter := func(e *apierr.Error) string {
		rec := httptest.NewRecorder()
		_ = apierr.Render(rec, httptest.NewRequest(http.MethodPost, "/v2/payments", nil), apierr.Nexpay, e)
		return rec.Header().Get("Retry-After")
	}
	for _, tc := range []struct {
		e    *apierr.Error
		want string
	}{
		{apierr.New(apierr.GEN9013), "30"},
		{apierr.New(apierr.GEN9429), "30"},
		{apierr.New(apierr.GEN9503), "30"},
		{apierr.New(apierr.GEN9013).WithRetryAfter(2 * time.Minute), "120"},
		{apierr.New(apierr.PAY0001), ""},
		{apierr.New(apierr.GEN9409), ""},
	} {
		if got := retryAfter(tc.e); got != tc.want {
			t.Errorf("%s: Retry-After %q, want %q", tc.e.ID(), got, tc.want)
		}
	}
	restore := apierr.SetDefaultRetryAfter(2500 * time.Millisecond)
	if got := retryAfter(apierr.New(apierr.GEN9013)); got != "3" {
		t.Errorf("set to 2.5s: Retry-After %q, want 3", got)
	}
	restore()
	if got := retryAfter(apierr.New(apierr.GEN9013)); got != "30" {
		t.Errorf("restored: Retry-After %q, want 30", got)
	}
}

func ExampleSetDefaultRetryAfter() {
	defer apierr.SetDefaultRetryAfter(5 * time.Second)()
	rec := httptest.NewRecorder()
	// A handler's 503 that does not say when to come back.
	_ = apierr.Render(rec, nil, apierr.Nexpay, apierr.New(apierr.GEN9013))
	fmt.Println(rec.Code, rec.Header().Get("Retry-After"))
	// Output:
	// 503 5
}
