package validation

import (
	"net/http"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/slab"
	"github.com/go-playground/validator/v10"
)

// appendFields appends a field error for each of errs. The path is a slice
// of validator/v10's namespace, and the default messages are appended to
// one buffer, cut from a shared batch, that becomes one string without a
// copy: beyond validator/v10's own, the list costs the slice, and nothing
// when dst has room (see [newFieldsCondition]: up to 16 fields). Messages
// of more than 4 KiB in all get a buffer of their own, one more.
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
		dst = make([]apierr.FieldError, 0, fieldCount(len(errs)))
	}
	first := len(dst)
	size := 0
	for _, fe := range errs {
		size += 2*len(fe.Namespace()) + len(fe.Param()) + 48
	}
	buf := messageSlab.Start(size)
	var endsArray [32]int
	ends := endsArray[:0] // where each message ends in buf; on the stack for short lists
	for _, fe := range errs {
		path := clipPath(jsonPath(fe.Namespace(), root))
		tag := fe.Tag()
		name := path
		if name == "" {
			name = "value"
		}
		if m, ok := v.messages[tag]; ok {
			buf.B = m(buf.B, name, fe)
		} else {
			buf.B = append(append(buf.B, name...), " is invalid"...)
		}
		ends = append(ends, len(buf.B))
		dst = append(dst, apierr.FieldError{Field: path, Rule: tag, Param: fe.Param()})
	}
	msgs := buf.String()
	start := 0
	for i, end := range ends {
		dst[first+i].Message = msgs[start:end]
		start = end
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

// fieldCount is the length of the field list of n failures: at most
// MaxFieldErrors of them, then one saying how many more there were.
func fieldCount(n int) int {
	if n > MaxFieldErrors {
		return MaxFieldErrors + 1
	}
	return n
}

// messageSlab holds the field messages' bytes: the messages of a request
// are one string, cut from a batch of 16 KiB shared with other requests.
var messageSlab = slab.NewBytes(16384)

// newFieldsCondition returns a Validation condition and an empty field
// list with room for n, allocated together: the condition, its error (see
// [apierr.ConditionError.In]) and the list are then one allocation. The
// list's capacity is n exactly, so an append to a full list copies it
// rather than write into room another list may hold.
func newFieldsCondition(n int) (*apierr.ConditionError, []apierr.FieldError) {
	ce, fields := withRoom(n)
	ce.Condition = apierr.Validation
	return ce, fields
}

func withRoom(n int) (*apierr.ConditionError, []apierr.FieldError) {
	switch {
	case n <= 1:
		p := new(conditionWithFields[[1]apierr.FieldError])
		return &p.ce, p.fields[:0:n]
	case n <= 2:
		p := new(conditionWithFields[[2]apierr.FieldError])
		return &p.ce, p.fields[:0:n]
	case n <= 4:
		p := new(conditionWithFields[[4]apierr.FieldError])
		return &p.ce, p.fields[:0:n]
	case n <= 8:
		p := new(conditionWithFields[[8]apierr.FieldError])
		return &p.ce, p.fields[:0:n]
	case n <= 16:
		p := new(conditionWithFields[[16]apierr.FieldError])
		return &p.ce, p.fields[:0:n]
	}
	return new(apierr.ConditionError), make([]apierr.FieldError, 0, n)
}

// conditionWithFields is a condition and room for its fields; A is an
// array of FieldError.
type conditionWithFields[A any] struct {
	ce     apierr.ConditionError
	fields A
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
