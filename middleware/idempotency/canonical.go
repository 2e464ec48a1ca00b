package idempotency

import (
	"bytes"
	"slices"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth bounds the nesting canonicalJSON follows; deeper bodies are
// fingerprinted by their raw bytes.
const maxDepth = 512

// canonicalJSON appends the canonical form of the JSON document src to dst:
// no insignificant whitespace, object members sorted by key (stably, so
// duplicate keys keep their order), strings re-escaped one way (only '"',
// '\\' and control characters escaped), numbers and literals as sent. Two
// documents that decode to the same value have the same canonical form,
// whatever their whitespace, member order or string escapes. ok is false
// when src is not valid UTF-8 JSON.
func canonicalJSON(dst, src []byte, scratch *canonScratch) (out []byte, ok bool) {
	if !utf8.Valid(src) {
		return dst, false
	}
	scratch.members = scratch.members[:0]
	c := canon{src: src, out: dst, s: scratch}
	c.skipSpace()
	if !c.value(0) {
		return dst, false
	}
	c.skipSpace()
	if c.pos != len(src) {
		return dst, false
	}
	return c.out, true
}

// canonScratch is reused between documents: the member stack and the copy
// of an object's members being reordered.
type canonScratch struct {
	members []member
	tmp     []byte
}

// member locates one object member in the output: the key from ks to ke
// (quotes included), the value from ke+1 to ve.
type member struct{ ks, ke, ve int }

type canon struct {
	src []byte
	pos int
	out []byte
	s   *canonScratch
}

func (c *canon) skipSpace() {
	for c.pos < len(c.src) {
		switch c.src[c.pos] {
		case ' ', '\t', '\n', '\r':
			c.pos++
		default:
			return
		}
	}
}

func (c *canon) value(depth int) bool {
	if c.pos >= len(c.src) || depth > maxDepth {
		return false
	}
	switch b := c.src[c.pos]; {
	case b == '{':
		return c.object(depth)
	case b == '[':
		return c.array(depth)
	case b == '"':
		return c.str()
	case b == '-' || b >= '0' && b <= '9':
		return c.number()
	default:
		return c.literal("true") || c.literal("false") || c.literal("null")
	}
}

func (c *canon) literal(lit string) bool {
	if len(c.src)-c.pos < len(lit) || string(c.src[c.pos:c.pos+len(lit)]) != lit {
		return false
	}
	c.out = append(c.out, lit...)
	c.pos += len(lit)
	return true
}

func (c *canon) array(depth int) bool {
	c.pos++ // [
	c.out = append(c.out, '[')
	c.skipSpace()
	if c.pos < len(c.src) && c.src[c.pos] == ']' {
		c.pos++
		c.out = append(c.out, ']')
		return true
	}
	for {
		c.skipSpace()
		if !c.value(depth + 1) {
			return false
		}
		c.skipSpace()
		if c.pos >= len(c.src) {
			return false
		}
		switch c.src[c.pos] {
		case ',':
			c.pos++
			c.out = append(c.out, ',')
		case ']':
			c.pos++
			c.out = append(c.out, ']')
			return true
		default:
			return false
		}
	}
}

func (c *canon) object(depth int) bool {
	c.pos++ // {
	start := len(c.out)
	c.out = append(c.out, '{')
	c.skipSpace()
	if c.pos < len(c.src) && c.src[c.pos] == '}' {
		c.pos++
		c.out = append(c.out, '}')
		return true
	}
	base := len(c.s.members)
	for {
		c.skipSpace()
		if c.pos >= len(c.src) || c.src[c.pos] != '"' {
			return false
		}
		ks := len(c.out)
		if !c.str() {
			return false
		}
		ke := len(c.out)
		c.skipSpace()
		if c.pos >= len(c.src) || c.src[c.pos] != ':' {
			return false
		}
		c.pos++
		c.out = append(c.out, ':')
		c.skipSpace()
		if !c.value(depth + 1) {
			return false
		}
		c.s.members = append(c.s.members, member{ks, ke, len(c.out)})
		c.skipSpace()
		if c.pos >= len(c.src) {
			return false
		}
		if c.src[c.pos] == '}' {
			c.pos++
			break
		}
		if c.src[c.pos] != ',' {
			return false
		}
		c.pos++
		c.out = append(c.out, ',')
	}
	ms := c.s.members[base:]
	out := c.out
	sorted := slices.IsSortedFunc(ms, func(a, b member) int {
		return bytes.Compare(out[a.ks:a.ke], out[b.ks:b.ke])
	})
	if !sorted {
		// Rewrite the members in key order; the object keeps its length.
		c.s.tmp = append(c.s.tmp[:0], out[start:]...)
		tmp := c.s.tmp
		slices.SortStableFunc(ms, func(a, b member) int {
			return bytes.Compare(tmp[a.ks-start:a.ke-start], tmp[b.ks-start:b.ke-start])
		})
		w := out[:start+1]
		for i, m := range ms {
			if i > 0 {
				w = append(w, ',')
			}
			w = append(w, tmp[m.ks-start:m.ve-start]...)
		}
		c.out = w
	}
	c.out = append(c.out, '}')
	c.s.members = c.s.members[:base]
	return true
}

// str appends the string at pos in its canonical escaping.
func (c *canon) str() bool {
	c.pos++ // opening quote
	c.out = append(c.out, '"')
	for c.pos < len(c.src) {
		b := c.src[c.pos]
		switch {
		case b == '"':
			c.pos++
			c.out = append(c.out, '"')
			return true
		case b < 0x20:
			return false
		case b != '\\':
			// Copy the run of plain bytes (src is valid UTF-8).
			i := c.pos + 1
			for i < len(c.src) && c.src[i] != '"' && c.src[i] != '\\' && c.src[i] >= 0x20 {
				i++
			}
			c.out = append(c.out, c.src[c.pos:i]...)
			c.pos = i
		default:
			if c.pos+1 >= len(c.src) {
				return false
			}
			e := c.src[c.pos+1]
			c.pos += 2
			var r rune
			switch e {
			case '"', '\\', '/':
				r = rune(e)
			case 'b':
				r = '\b'
			case 'f':
				r = '\f'
			case 'n':
				r = '\n'
			case 'r':
				r = '\r'
			case 't':
				r = '\t'
			case 'u':
				var ok bool
				if r, ok = c.hex4(); !ok {
					return false
				}
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if c.pos+1 < len(c.src) && c.src[c.pos] == '\\' && c.src[c.pos+1] == 'u' {
						save := c.pos
						c.pos += 2
						if r2, ok = c.hex4(); !ok {
							return false
						}
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							r = d
							break
						}
						c.pos = save // not a pair: the second escape stands alone
					}
					r = utf8.RuneError
				}
			default:
				return false
			}
			c.appendRune(r)
		}
	}
	return false
}

func (c *canon) hex4() (rune, bool) {
	if c.pos+4 > len(c.src) {
		return 0, false
	}
	var r rune
	for _, h := range c.src[c.pos : c.pos+4] {
		switch {
		case h >= '0' && h <= '9':
			h -= '0'
		case h >= 'a' && h <= 'f':
			h -= 'a' - 10
		case h >= 'A' && h <= 'F':
			h -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(h)
	}
	c.pos += 4
	return r, true
}

const hexDigits = "0123456789abcdef"

func (c *canon) appendRune(r rune) {
	switch {
	case r == '"' || r == '\\':
		c.out = append(c.out, '\\', byte(r))
	case r < 0x20:
		c.out = append(c.out, '\\', 'u', '0', '0', hexDigits[r>>4], hexDigits[r&0xf])
	default:
		c.out = utf8.AppendRune(c.out, r)
	}
}

// number copies a JSON number as sent: 1.0 and 1 stay different, which at
// worst answers a mismatch where a replay was possible, never the reverse.
func (c *canon) number() bool {
	s, i := c.src, c.pos
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == j {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == j {
			return false
		}
	}
	c.out = append(c.out, s[c.pos:i]...)
	c.pos = i
	return true
}
