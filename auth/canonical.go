package auth

import (
	"crypto/hmac"
	"encoding/hex"
	"hash"
)

// A Message is what a request's signature can cover.
type Message struct {
	Method    string // the request method
	URI       string // the request URI as sent: path and query
	Key       string // the API key
	Nonce     string // the nonce header as sent; "" when the verifier uses none
	Timestamp string // the timestamp header as sent; "" when the verifier uses none
	Body      []byte // the request body
}

// A Canonical appends to dst the string a request's signature covers.
type Canonical func(dst []byte, m *Message) []byte

// DefaultCanonical is nonce + timestamp + method + request URI + body,
// each as sent and with no separator (the verifier's nonce or timestamp
// is "" when it uses none): the Nexpay legacy API's string with a nonce,
// "1712000000GET/v2/payments?limit=10" with a timestamp.
func DefaultCanonical(dst []byte, m *Message) []byte {
	dst = append(dst, m.Nonce...)
	dst = append(dst, m.Timestamp...)
	dst = append(dst, m.Method...)
	dst = append(dst, m.URI...)
	return append(dst, m.Body...)
}

// TimestampBody is timestamp + body: the Payout API's string.
func TimestampBody(dst []byte, m *Message) []byte {
	dst = append(dst, m.Timestamp...)
	return append(dst, m.Body...)
}

// Sign returns the lowercase hex HMAC of message keyed with secret, with
// the hash newHash makes (sha256.New, sha512.New): what a client sends as
// the signature header.
func Sign(newHash func() hash.Hash, secret, message []byte) string {
	mac := hmac.New(newHash, secret)
	mac.Write(message)
	return hex.EncodeToString(mac.Sum(nil))
}
