package problem

import (
	"net/url"
	"strings"

	"github.com/errkit/errkit/apierr"
)

// A fieldEntry is an entry of a problem's errors: an errkit field error
// ({"field", "in", "rule", "param", "message"}) or RFC 9457's validation
// example's ({"detail", "pointer"}).
type fieldEntry struct {
	apierr.FieldError
	Detail  string `json:"detail"`
	Pointer string `json:"pointer"`
}

// entryFields returns the entries as field errors: a pointer gives the
// field, a detail the message, where the errkit members are absent.
func entryFields(entries []fieldEntry) []apierr.FieldError {
	if len(entries) == 0 {
		return nil
	}
	out := make([]apierr.FieldError, len(entries))
	for i, en := range entries {
		f := en.FieldError
		if f.Field == "" && en.Pointer != "" {
			f.Field = pointerPath(en.Pointer)
		}
		if f.Message == "" {
			f.Message = en.Detail
		}
		out[i] = f
	}
	return out
}

// pointerPath turns a JSON pointer (RFC 6901), plain ("/items/0/amount") or
// as a URI fragment ("#/items/0/amount"), into the field path errkit names
// fields by: members joined by dots, array indices in brackets
// ("items[0].amount"). "" and "#" point at the whole body: "".
func pointerPath(p string) string {
	if rest, ok := strings.CutPrefix(p, "#"); ok {
		if u, err := url.PathUnescape(rest); err == nil {
			rest = u
		}
		p = rest
	}
	if p == "" {
		return ""
	}
	var b strings.Builder
	for i, seg := range strings.Split(strings.TrimPrefix(p, "/"), "/") {
		seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
		switch {
		case i > 0 && isIndex(seg):
			b.WriteString("[" + seg + "]")
		case i > 0:
			b.WriteString("." + seg)
		default:
			b.WriteString(seg)
		}
	}
	return b.String()
}

// isIndex reports whether a pointer segment is an array index: digits,
// without a leading zero.
func isIndex(seg string) bool {
	if seg == "" || len(seg) > 1 && seg[0] == '0' {
		return false
	}
	for i := 0; i < len(seg); i++ {
		if seg[i] < '0' || seg[i] > '9' {
			return false
		}
	}
	return true
}
