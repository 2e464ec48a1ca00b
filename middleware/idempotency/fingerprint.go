package idempotency

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// A Fingerprint identifies what a request asks for: the SHA-256 of its
// method, path, query and body. A JSON body is hashed in its canonical
// form (see canonicalJSON), so whitespace, member order and string escapes
// do not change it; any other body is hashed as sent.
type Fingerprint [sha256.Size]byte

// String returns the fingerprint in hex.
func (f Fingerprint) String() string { return hex.EncodeToString(f[:]) }

// fingerprint computes r's fingerprint over body, using s's scratch.
func fingerprint(r *http.Request, body []byte, s *state) Fingerprint {
	b := s.fp[:0]
	b = append(b, r.Method...)
	b = append(b, 0)
	b = append(b, r.URL.Path...)
	b = append(b, 0)
	b = append(b, r.URL.RawQuery...)
	b = append(b, 0)
	ok := false
	if isJSON(r.Header.Get("Content-Type")) {
		n := len(b)
		b = append(b, 'j')
		if b, ok = canonicalJSON(b, body); !ok {
			b = b[:n]
		}
	}
	if !ok {
		b = append(b, 'r')
		b = append(b, body...)
	}
	s.fp = b
	return sha256.Sum256(b)
}

// keepNumbers leaves JSON numbers as sent: RFC 8785 reads every number as
// a double, so two amounts beyond its precision (12345678901234567890 and
// 12345678901234567891) would hash alike and one request be answered with
// the other's response.
var keepNumbers = []jsontext.Options{jsontext.CanonicalizeRawInts(false), jsontext.CanonicalizeRawFloats(false)}

// canonicalJSON appends to dst the canonical form of body, one JSON value:
// RFC 8785 (members sorted by name, no whitespace, strings in their
// minimal form), its numbers kept as sent. It reports false, dst as it
// was, for a body that is not one valid JSON value, or has a duplicate
// member name or invalid UTF-8: such a body is hashed as sent.
func canonicalJSON(dst, body []byte) ([]byte, bool) {
	n := len(dst)
	dst = append(dst, body...)
	v := jsontext.Value(dst[n:])
	if err := v.Canonicalize(keepNumbers...); err != nil {
		return dst[:n], false
	}
	return append(dst[:n], v...), true
}

// isJSON reports whether a Content-Type is JSON: application/json or a
// +json suffix type.
func isJSON(ct string) bool {
	if ct == "" {
		return false
	}
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	ct = strings.TrimSpace(ct)
	if strings.EqualFold(ct, "application/json") {
		return true
	}
	return len(ct) > 5 && strings.IndexByte(ct, '/') > 0 && strings.EqualFold(ct[len(ct)-5:], "+json")
}
