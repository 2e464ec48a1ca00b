package idempotency

// MaxKeyLen is the longest idempotency key accepted.
const MaxKeyLen = 255

// keyChars marks the bytes a key may hold: letters, digits and -_.:~+/=,
// enough for UUIDs, ULIDs, hex, base64 and "order:123"-style keys.
var keyChars = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	for _, c := range "-_.:~+/=" {
		t[c] = true
	}
	return t
}()

// ValidKey reports whether key is an acceptable idempotency key: 1 to
// [MaxKeyLen] bytes of letters, digits and - _ . : ~ + / =.
func ValidKey(key string) bool {
	if key == "" || len(key) > MaxKeyLen {
		return false
	}
	for i := 0; i < len(key); i++ {
		if !keyChars[key[i]] {
			return false
		}
	}
	return true
}
