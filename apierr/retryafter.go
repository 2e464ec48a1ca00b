package apierr

import (
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// DefaultRetryAfter is the Retry-After of an error that asks the client to
// come back later but does not say when: 30 seconds unless
// [SetDefaultRetryAfter] says otherwise.
const DefaultRetryAfter = 30 * time.Second

var defaultRetry atomic.Int64 // seconds; 0 = DefaultRetryAfter

// SetDefaultRetryAfter sets the Retry-After [Render] sends, in whole
// seconds rounded up and at least 1, with an error that asks the client to
// come back later without saying when: a 429 or 503, or the code a
// contract answers [RateLimited], [Unavailable] or [Maintenance] with (a
// contract without those statuses folds them into others). It returns a
// function that restores the previous default; d <= 0 restores
// [DefaultRetryAfter].
func SetDefaultRetryAfter(d time.Duration) (restore func()) {
	var s int64
	if d > 0 {
		s = int64(retrySeconds(d))
	}
	old := defaultRetry.Swap(s)
	return func() { defaultRetry.Store(old) }
}

// retryLater reports whether code, sent with status in c, asks the client
// to come back later.
func retryLater(c Contract, code Code, status int) bool {
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		return true
	}
	return code != 0 && (code == c.Code(RateLimited) || code == c.Code(Unavailable) || code == c.Code(Maintenance))
}

// ensureRetryAfter gives a response that asks the client to come back
// later a Retry-After of whole seconds, at least 1: the one h holds (the
// error's own), else the default.
func ensureRetryAfter(h http.Header, c Contract, code Code, status int) {
	if !retryLater(c, code, status) {
		return
	}
	if v := h["Retry-After"]; len(v) == 1 {
		if n, err := strconv.Atoi(v[0]); err == nil && n >= 1 {
			return
		}
	}
	s := defaultRetry.Load()
	if s == 0 {
		s = int64(DefaultRetryAfter / time.Second)
	}
	h["Retry-After"] = []string{strconv.FormatInt(s, 10)}
}
