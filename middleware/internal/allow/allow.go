// Package allow reads and completes the Allow header of a 405, for the
// doors that answer HEAD wherever they answer GET.
package allow

import (
	"net/http"
	"strings"
)

// Has reports whether the Allow header value allow lists method m.
func Has(allow, m string) bool {
	for allow != "" {
		var tok string
		tok, allow, _ = strings.Cut(allow, ",")
		if strings.TrimSpace(tok) == m {
			return true
		}
	}
	return false
}

// AddHead adds HEAD to the Allow header of h when it lists GET and not
// HEAD, as HEAD is served wherever GET is.
func AddHead(h http.Header) {
	v := h["Allow"]
	if len(v) == 1 && Has(v[0], http.MethodGet) && !Has(v[0], http.MethodHead) {
		h["Allow"] = []string{v[0] + ", " + http.MethodHead}
	}
}
