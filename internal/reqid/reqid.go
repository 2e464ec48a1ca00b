// Package reqid holds the one rule of what an incoming request ID may be,
// for package apierr (reading a bare request) and package middleware
// (accepting or replacing the ID).
package reqid

// MaxLen is the longest request ID accepted from a client.
const MaxLen = 64

// Valid reports whether id is 1 to [MaxLen] bytes of letters, digits and
// "-_.:", the request IDs accepted from a client.
func Valid(id string) bool {
	if id == "" || len(id) > MaxLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':') {
			return false
		}
	}
	return true
}
