package auth_test

import (
	"crypto/sha256"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/auth"
)

// onlyReader hides a reader's type, so that the request's length is
// unknown, as for a chunked body.
type onlyReader struct{ io.Reader }

// A body of unknown length is read up to the limit and handed on whole; a
// longer one is the too-large condition, and a body that fails to arrive a
// bad request.
func TestBodyOfUnknownLength(t *testing.T) {
	v, err := auth.New(auth.Config{Lookup: auth.StaticKeys(map[string]string{"pk_live": secret}), MaxBody: 64, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	verify := func(body io.Reader, signed string) (string, error) {
		r := httptest.NewRequest("POST", "/x", body)
		r.Header.Set("X-API-Key", "pk_live")
		r.Header.Set("X-Timestamp", ts(0))
		r.Header.Set("X-Signature", auth.Sign(sha256.New, []byte(secret), []byte(ts(0)+"POST/x"+signed)))
		rr, err := v.Verify(r)
		if err != nil {
			return "", err
		}
		b, err := io.ReadAll(rr.Body)
		if err != nil || rr.ContentLength != int64(len(b)) {
			t.Errorf("handed on: %q %d %v", b, rr.ContentLength, err)
		}
		return string(b), nil
	}
	fits := strings.Repeat("a", 64)
	if got, err := verify(onlyReader{strings.NewReader(fits)}, fits); err != nil || got != fits {
		t.Errorf("64 bytes of unknown length: %q %v", got, err)
	}
	long := strings.Repeat("a", 65)
	var ce *apierr.ConditionError
	if _, err := verify(onlyReader{strings.NewReader(long)}, long); !errors.As(err, &ce) || ce.Condition != apierr.TooLarge {
		t.Errorf("65 bytes of unknown length: %v", err)
	}
	if _, err := verify(strings.NewReader(long), long); !errors.As(err, &ce) || ce.Condition != apierr.TooLarge {
		t.Errorf("65 bytes of known length: %v", err)
	}
	if _, err := verify(onlyReader{iotest.ErrReader(errors.New("connection reset"))}, ""); !errors.As(err, &ce) || ce.Condition != apierr.BadRequest {
		t.Errorf("a failed read: %v", err)
	}
}
