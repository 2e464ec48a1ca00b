package redisstore

import (
	"bytes"
	"net/http"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/errkit/errkit/middleware/idempotency"
)

// FuzzDecodeRecord feeds the claim script's answer for a taken key to
// decodeRecord. Whatever Redis holds, it must not panic, and a record it
// accepts must be one the middleware can replay: a fingerprint of the
// right length and a status net/http will write. A record stored the way
// Complete stores it must come back as it was, byte for byte.
func FuzzDecodeRecord(f *testing.F) {
	fp := string(make([]byte, len(idempotency.Fingerprint{})))
	f.Add(fp, "201", `{"Content-Type":["application/json"]}`, `{"id":"p1"}`, "1768473000000", uint8(0), 201, "Location", "/v2/payments/p1", []byte(`{}`), int64(1768473000000))
	f.Add(fp, "", "", "", "", uint8(0b11110), 200, "Etag", `"x"`, []byte(nil), int64(0))
	f.Add(fp, "-1", "", "", "0", uint8(0), 499, "Content-Disposition", "attachment; filename=\"r\xe9sum\xe9.pdf\"", []byte("\xff"), int64(-1))
	f.Add("short", "201", "null", "", "x", uint8(1), 302, "", "", []byte{}, int64(1))
	f.Fuzz(func(t *testing.T, f0, s, h, b, e string, nils uint8, status int, name, value string, body []byte, expires int64) {
		r := []any{f0, s, h, b, e}
		for i := range r {
			if nils&(1<<i) != 0 {
				r[i] = nil // a field HMGET found empty
			}
		}
		if rec, err := decodeRecord(r); err == nil {
			if rec.Done && (rec.Status < 200 || rec.Status > 999) {
				t.Fatalf("accepted status %d, which net/http refuses to write", rec.Status)
			}
		}

		// A record as Complete stores it, read back.
		status = 200 + abs(status)%300 // what the middleware stores: 2xx to 4xx
		want := &idempotency.Record{Fingerprint: idempotency.Fingerprint{1, 2}, Done: true, Status: status,
			Body: body, Expires: time.UnixMilli(expires)}
		if name != "" {
			want.Header = http.Header{name: {value, value + "2"}}
		}
		header, err := encodeHeader(want.Header)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeRecord([]any{string(want.Fingerprint[:]), strconv.Itoa(status), string(header), string(body), strconv.FormatInt(expires, 10)})
		if err != nil {
			t.Fatalf("stored record not read back: %v", err)
		}
		if got.Status != want.Status || got.Fingerprint != want.Fingerprint || !got.Done || !bytes.Equal(got.Body, want.Body) ||
			!got.Expires.Equal(want.Expires) || !reflect.DeepEqual(got.Header, want.Header) {
			t.Fatalf("read back %+v, want %+v", got, want)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		if n = -n; n < 0 { // the smallest int
			return 0
		}
	}
	return n
}
