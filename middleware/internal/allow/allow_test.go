package allow

import (
	"net/http"
	"testing"
)

func TestAddHead(t *testing.T) {
	for in, want := range map[string]string{
		"GET":                "GET, HEAD",
		"OPTIONS, GET, POST": "OPTIONS, GET, POST, HEAD",
		"GET, HEAD":          "GET, HEAD",
		"POST":               "POST",
		"GETX, POST":         "GETX, POST",
		"":                   "",
	} {
		h := http.Header{"Allow": {in}}
		AddHead(h)
		if got := h.Get("Allow"); got != want {
			t.Errorf("AddHead(%q) = %q, want %q", in, got, want)
		}
	}
	h := http.Header{}
	AddHead(h)
	if len(h) != 0 {
		t.Errorf("AddHead added to a header without Allow: %v", h)
	}
}
