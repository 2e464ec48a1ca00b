package ginvalidation

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/jsonbody"

	"github.com/errkit/errkit/validation"
	"github.com/gin-gonic/gin/binding"
	"github.com/go-playground/validator/v10"
)

// A Validator is a gin binding.StructValidator over a
// [*validation.Validator]: its failures are one [*apierr.ConditionError]
// of [apierr.Validation] listing every failed field by JSON path.
type Validator struct {
	V *validation.Validator // the rules, messages and validator/v10 instance
}

var _ binding.StructValidator = (*Validator)(nil)

// New returns a Validator reading `binding` tags, as gin's own does, with
// the rules and messages of [validation.New] and opts. For structs tagged
// `validate` (shared with the other doors), use
// &Validator{V: validation.New()}.
func New(opts ...validation.Option) *Validator {
	o := append(opts[:len(opts):len(opts)], validation.WithSetup(func(v *validator.Validate) error {
		v.SetTagName("binding")
		return nil
	}))
	return &Validator{V: validation.New(o...)}
}

// ValidateStruct validates obj, a struct, a pointer to one or a slice of
// them; other values pass.
func (v *Validator) ValidateStruct(obj any) error { return v.V.Validate(obj) }

// Engine returns the validator/v10 instance, as gin's own validator does.
func (v *Validator) Engine() any { return v.V.Engine() }

// JSON is a gin binding.BindingBody for JSON bodies: [validation.DecodeJSON]
// with Decode's options (size and depth limits, unknown fields, the
// Content-Type check), then gin's binding.Validator, in one
// [*apierr.ConditionError] per failure. A body with values of the wrong
// type is still validated, whichever validator gin has: the rule failures
// of what decoded are answered with the type errors, each field by its
// JSON path and named once, as [validation.DecodeJSON] answers them.
type JSON struct {
	Decode []validation.DecodeOption // the body's limits and checks
}

var _ binding.BindingBody = JSON{}

// Name returns "json".
func (JSON) Name() string { return "json" }

// Bind decodes r's body into obj and validates it.
func (b JSON) Bind(r *http.Request, obj any) error {
	v, own := binding.Validator.(*Validator)
	if own {
		return validation.DecodeJSON(r, obj, b.options(v.V)...)
	}
	if err := validation.DecodeJSON(r, obj, b.options(nil)...); err != nil {
		return withRules(err, obj)
	}
	return validate(obj)
}

// BindBody decodes body into obj and validates it, for
// c.ShouldBindBodyWith.
func (b JSON) BindBody(body []byte, obj any) error {
	v, own := binding.Validator.(*Validator)
	if own {
		return validation.Decode(body, obj, b.options(v.V)...)
	}
	if err := validation.Decode(body, obj, b.options(nil)...); err != nil {
		return withRules(err, obj)
	}
	return validate(obj)
}

func (b JSON) options(v *validation.Validator) []validation.DecodeOption {
	return append(b.Decode[:len(b.Decode):len(b.Decode)], validation.WithValidator(v))
}

func validate(obj any) error {
	if binding.Validator == nil {
		return nil
	}
	return binding.Validator.ValidateStruct(obj)
}

// Install makes v gin's binding.Validator and [JSON] with opts its
// binding.JSON, for the whole program: c.ShouldBindJSON, c.BindJSON and
// c.ShouldBind of a JSON body then fail as the other doors do.
func Install(v *Validator, opts ...validation.DecodeOption) {
	binding.Validator = v
	binding.JSON = JSON{Decode: opts}
}

// withRules adds to err, the failure of a body that decoded in full but
// with values of the wrong type, the failures of gin's validator (not a
// [Validator], which [validation.DecodeJSON] runs itself) on what decoded,
// named by their JSON paths: the type errors first, the fields they name
// left out of the rule failures ([validation.TypeErrorsFirst]).
func withRules(err error, obj any) error {
	ce, ok := err.(*apierr.ConditionError)
	if !ok || ce.Condition != apierr.BadRequest || len(ce.Fields) == 0 || !decodedInFull(ce.Cause) {
		return err
	}
	ve, ok := errors.AsType[validator.ValidationErrors](validateQuietly(obj))
	if !ok {
		return err
	}
	named := make(validator.ValidationErrors, len(ve))
	t := reflect.TypeOf(obj)
	for i, fe := range ve {
		named[i] = fe
		if ns, field, ok := jsonNamespace(t, fe.StructNamespace()); ok {
			named[i] = jsonNamed{FieldError: fe, ns: ns, field: field}
		}
	}
	ce.Fields = validation.TypeErrorsFirst(ce.Fields, validation.Fields(named))
	return ce
}

// validateQuietly is validate, a validator that panics (validator/v10
// does on a tag it does not know) returning nil: the type errors are
// answered alone then, as they were before the rules were tried.
func validateQuietly(obj any) (err error) {
	defer func() {
		if recover() != nil {
			err = nil
		}
	}()
	return validate(obj)
}

// decodedInFull reports whether the decoding failure err left the rest of
// the body decoded: a value of the wrong type or an unknown member.
func decodedInFull(err error) bool {
	if _, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		return true
	}
	_, ok := jsonbody.UnknownFieldName(err)
	return ok
}

// jsonNamed is a failure of gin's validator, which names fields by their
// Go names, named by their JSON names instead.
type jsonNamed struct {
	validator.FieldError
	ns, field string
}

func (f jsonNamed) Namespace() string { return f.ns }
func (f jsonNamed) Field() string     { return f.field }

// jsonNamespace turns ns, a namespace of Go names under t
// ("order.Items[0].Amount"), into JSON names ("order.items[0].amount"),
// returning also the last name; ok is false for a namespace it cannot
// follow.
func jsonNamespace(t reflect.Type, ns string) (out, last string, ok bool) {
	segs := strings.Split(ns, ".")
	var b strings.Builder
	b.WriteString(segs[0])
	for _, seg := range segs[1:] {
		name, idx := seg, ""
		if i := strings.IndexByte(seg, '['); i >= 0 {
			name, idx = seg[:i], seg[i:]
		}
		t = deref(t)
		if t.Kind() != reflect.Struct {
			return "", "", false
		}
		f, found := t.FieldByName(name)
		if !found {
			return "", "", false
		}
		jn, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case jn == "-":
			return "", "", false
		case jn == "" && f.Anonymous && idx == "":
			t = f.Type // an embedded struct's fields are the outer's
			continue
		case jn == "":
			jn = f.Name
		}
		b.WriteString("." + jn + idx)
		last, t = jn, f.Type
		for range strings.Count(idx, "[") {
			t = deref(t)
			switch t.Kind() {
			case reflect.Slice, reflect.Array, reflect.Map:
				t = t.Elem()
			default:
				return "", "", false
			}
		}
	}
	return b.String(), last, true
}

func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}
