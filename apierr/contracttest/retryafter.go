package contracttest

import (
	"strconv"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// retryLater reports whether code, rendered in c, asks the client to come
// back later: its status is 429 or 503, or it is c's code for
// [apierr.RateLimited], [apierr.Unavailable] or [apierr.Maintenance] (a
// contract without those statuses folds them into others).
func retryLater(c apierr.Contract, code apierr.Code) bool {
	switch code.Status() {
	case 429, 503:
		return true
	}
	for _, cond := range []apierr.Condition{apierr.RateLimited, apierr.Unavailable, apierr.Maintenance} {
		if code == c.Code(cond) {
			return true
		}
	}
	return false
}

// testRetryAfter checks the rule every contract shares: an error that asks
// the client to come back later (see retryLater) always leaves with
// Retry-After in whole seconds, at least 1: its own, or the default when it
// carries none; no other error gets one it did not carry. Nexpay v2's
// GEN9013 and GEN9429 rendered in c are held to it too.
func testRetryAfter(t *testing.T, c apierr.Contract) {
	codes := c.Catalogue().Codes()
	if c.Catalogue() != apierr.Nexpay.Catalogue() {
		codes = append(codes, apierr.GEN9013, apierr.GEN9429, apierr.CHT0002)
	}
	for _, code := range codes {
		rec := render(t, c, apierr.New(code))
		rendered := code
		if code.Catalogue() != c.Catalogue() {
			rendered = kit.CodeFor(c, code.Status())
		}
		got := rec.Header().Get("Retry-After")
		if !retryLater(c, rendered) {
			if got != "" {
				t.Errorf("%s: Retry-After %q on an error that carries none", code, got)
			}
			continue
		}
		if n, err := strconv.Atoi(got); err != nil || n < 1 {
			t.Errorf("%s (status %d): Retry-After %q, want whole seconds, at least 1", code, rec.Code, got)
		}
		rec = render(t, c, apierr.New(code).WithRetryAfter(90*time.Second))
		if got := rec.Header().Get("Retry-After"); got != "90" {
			t.Errorf("%s: Retry-After %q, want the error's own 90", code, got)
		}
		rec = render(t, c, apierr.New(code).WithHeader("Retry-After", "0"))
		if n, err := strconv.Atoi(rec.Header().Get("Retry-After")); err != nil || n < 1 {
			t.Errorf("%s: Retry-After %q from an error's 0, want at least 1", code, rec.Header().Get("Retry-After"))
		}
	}
}
