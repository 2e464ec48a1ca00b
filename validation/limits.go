package validation

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/errkit/errkit/apierr"
)

// Bounds of what an answer repeats of a request, so that a hostile body
// cannot make a large one.
const (
	// MaxFieldErrors is the most field errors one failure lists; one more
	// entry, of rule [RuleTruncated], says how many were left out.
	MaxFieldErrors = 50
	// MaxKeyBytes is the longest member name or map key from the body
	// repeated in a field path; a longer one is cut and ends in "…".
	MaxKeyBytes = 64
	// maxPathBytes is the longest field path, however deep.
	maxPathBytes = 256
)

// RuleTruncated is the rule of the last field error of a list cut at
// [MaxFieldErrors]: its param is the number of field errors left out.
const RuleTruncated = "truncated"

// truncatedField is the entry that ends a list n field errors short.
func truncatedField(n int) apierr.FieldError {
	msg := "and " + strconv.Itoa(n) + " more problems were not listed"
	if n == 1 {
		msg = "and 1 more problem was not listed"
	}
	return apierr.FieldError{Rule: RuleTruncated, Param: strconv.Itoa(n), Message: msg}
}

// capFields cuts fields to [MaxFieldErrors], saying how many of them and of
// the more found beyond them were left out.
func capFields(fields []apierr.FieldError, more int) []apierr.FieldError {
	if over := len(fields) - MaxFieldErrors; over > 0 {
		more += over
		fields = fields[:MaxFieldErrors]
	}
	if more > 0 {
		fields = append(fields, truncatedField(more))
	}
	return fields
}

// clipKey cuts s, a name the client sent, to [MaxKeyBytes] on a rune
// boundary, marking the cut with "…".
func clipKey(s string) string {
	return clip(s, MaxKeyBytes)
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// clipPath cuts every name and bracketed key of a field path to
// [MaxKeyBytes], then the path to a bound of its own; a short path is
// returned as it is.
func clipPath(p string) string {
	if len(p) <= MaxKeyBytes {
		return p
	}
	var b strings.Builder
	for p != "" {
		var seg string
		if p[0] == '[' {
			b.WriteByte('[')
			end := strings.IndexByte(p, ']')
			if end < 0 {
				b.WriteString(clipKey(p[1:]))
				break
			}
			b.WriteString(clipKey(p[1:end]))
			b.WriteByte(']')
			p = p[end+1:]
			continue
		}
		end := strings.IndexAny(p[1:], ".[")
		if end < 0 {
			seg, p = p, ""
		} else {
			seg, p = p[:end+1], p[end+1:]
		}
		if seg[0] == '.' {
			b.WriteByte('.')
			seg = seg[1:]
		}
		b.WriteString(clipKey(seg))
	}
	return clip(b.String(), maxPathBytes)
}
