package ginvalidation

import (
	"net/http"

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
// [*apierr.ConditionError] per failure.
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
		return err
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
		return err
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
