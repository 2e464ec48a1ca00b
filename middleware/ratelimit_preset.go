package middleware

import (
	"net/http"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// CryptopayRequestsPerMinute is the limit of Cryptopay's document: "Amount
// API requests for api_key exceeded 200 requests per minute".
const CryptopayRequestsPerMinute = 200

// CryptopayRateLimit is Cryptopay's documented rate limit as one option:
// 200 requests per minute per api_key, in a [TokenBucket] that holds 200
// and refills at 200 a minute, keyed by [CryptopayRateKey]. Over it, a
// request is answered with the contract's [apierr.RateLimited] code
// (Cryptopay: 429 rate_limit_exceeded) and Retry-After.
//
// The key is only claimed until the signature is checked, after the
// limiter: as with [DefaultRateKey], a request that names one is counted
// against its client IP too (see [WithRateLimit]); give [WithIPRateLimit]
// a higher allowance for clients that share an address, or follow with
// [WithRateKey] once the key is vouched for.
func CryptopayRateLimit() Option {
	return func(s *Set) {
		s.limiter = NewTokenBucket(rate.Every(time.Minute/CryptopayRequestsPerMinute), CryptopayRequestsPerMinute, 0)
		s.rateKey = CryptopayRateKey
		s.customKey = false
	}
}

// CryptopayRateKey names the client of r by the api_key of its Cryptopay
// "Authorization: HMAC <api_key>:<signature>" header (the scheme in any
// case), prefixed with [RateKeyPrefix] ("key:D9xTGq4HsZ"), else by its IP
// address from r.RemoteAddr. The prefix keeps keys and addresses apart: a
// client that names an address as its api_key spends a bucket of its own,
// never that address's.
func CryptopayRateKey(r *http.Request) string {
	if v := r.Header["Authorization"]; len(v) > 0 {
		if a := v[0]; len(a) > 5 && strings.EqualFold(a[:5], "HMAC ") {
			key, _, ok := strings.Cut(strings.TrimLeft(a[5:], " "), ":")
			if ok && key != "" && len(key) <= MaxRateKeyLen {
				return RateKeyPrefix + key
			}
		}
	}
	return clientIP(r.RemoteAddr)
}
