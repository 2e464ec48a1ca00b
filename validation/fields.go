package validation

import (
	"net/http"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/jsonbody"
	"github.com/go-playground/validator/v10"
)

// appendFields appends a field error for each of errs, its path a slice
// of validator/v10's namespace and its message the Validator's for the
// tag.
//
// root is the name of the validated value's type, which starts every
// namespace unless it is "" (an anonymous struct, a slice); rootUnknown
// when not known.
//
// At most [MaxFieldErrors] are appended, then one saying how many more
// there were.
func (v *Validator) appendFields(dst []apierr.FieldError, errs validator.ValidationErrors, root string, r *http.Request) []apierr.FieldError {
	more := 0
	if len(errs) > MaxFieldErrors {
		more = len(errs) - MaxFieldErrors
		errs = errs[:MaxFieldErrors]
	}
	if dst == nil {
		dst = make([]apierr.FieldError, 0, len(errs)+min(more, 1))
	}
	first := len(dst)
	var buf []byte // reused for each message
	for _, fe := range errs {
		path := jsonbody.ClipPath(jsonPath(fe.Namespace(), root))
		tag := fe.Tag()
		name := path
		if name == "" {
			name = "value"
		}
		if m, ok := v.messages[tag]; ok {
			buf = m(buf[:0], name, fe)
		} else {
			buf = append(append(buf[:0], name...), " is invalid"...)
		}
		dst = append(dst, apierr.FieldError{Field: path, Rule: tag, Param: fe.Param(), Message: string(buf)})
	}
	if v.translator != nil {
		for i, fe := range errs {
			f := &dst[first+i]
			if s := v.translator(r, fe, *f); s != "" {
				f.Message = s
			}
		}
	}
	if more > 0 {
		dst = append(dst, truncatedField(more))
	}
	return dst
}

// rootUnknown stands for the name of a root type that is not known: the
// namespace's first segment is taken for it if the namespace has more than
// one.
const rootUnknown = "\x00"

// jsonPath turns validator/v10's namespace ("Payout.payee.iban",
// "Payout.items[0].amount") into the JSON path from the body's root
// ("payee.iban", "items[0].amount"): without the root type's name and the
// names of embedded structs, and cut before a field JSON never carries.
func jsonPath(ns, root string) string {
	switch {
	case root == rootUnknown:
		if i := strings.IndexByte(ns, '.'); i >= 0 && !strings.ContainsRune(ns[:i], '[') {
			ns = ns[i+1:]
		}
	case root == "":
	case ns == root:
		ns = ""
	case len(ns) > len(root) && ns[len(root)] == '.' && ns[:len(root)] == root:
		ns = ns[len(root)+1:]
	}
	if !strings.ContainsAny(ns, embeddedMark+hiddenMark) {
		return ns
	}
	return cleanPath(ns)
}

func cleanPath(ns string) string {
	var b strings.Builder
	for ns != "" {
		// One segment: a name up to the next '.' or '[', or a bracketed
		// index or key.
		var seg string
		if ns[0] == '[' {
			end := strings.IndexByte(ns, ']')
			if end < 0 {
				end = len(ns) - 1
			}
			seg, ns = ns[:end+1], ns[end+1:]
		} else {
			end := strings.IndexAny(ns, ".[")
			if end < 0 {
				end = len(ns)
			}
			seg, ns = ns[:end], ns[end:]
		}
		ns = strings.TrimPrefix(ns, ".")
		switch {
		case seg == hiddenMark:
			return b.String()
		case seg == embeddedMark:
			continue
		case seg[0] == '[':
			b.WriteString(seg)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(seg)
		}
	}
	return b.String()
}
