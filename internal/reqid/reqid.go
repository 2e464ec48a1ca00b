// Package reqid holds the one rule of what an incoming request ID may be,
// for package apierr (reading a bare request) and package middleware
// (accepting or replacing the ID).
package reqid

// MaxLen is the longest request ID accepted from a client.
const MaxLen = 64

// idByte marks the bytes a request ID may hold: letters, digits and "-_.:".
var idByte = func() (t [256]bool) {
	for c := range t {
		b := byte(c)
		t[c] = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' ||
			b == '-' || b == '_' || b == '.' || b == ':'
	}
	return t
}()

// Valid reports whether id is 1 to [MaxLen] bytes of letters, digits and
// "-_.:", the request IDs accepted from a client.
func Valid(id string) bool {
	if id == "" || len(id) > MaxLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if !idByte[id[i]] {
			return false
		}
	}
	return true
}
