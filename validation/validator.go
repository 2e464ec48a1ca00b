package validation

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"github.com/errkit/errkit/apierr"
	"github.com/go-playground/validator/v10"
)

// A Validator checks structs against their `validate` tags and reports every
// failure at once as field errors named by JSON path. Build one at start-up
// with [New] and share it: validator/v10 caches each struct's rules on first
// use, and rules are registered only while New runs.
//
// Its Validate method satisfies echo's Validator interface.
type Validator struct {
	v          *validator.Validate
	messages   map[string]messageFunc
	translator Translator
}

// A Message writes the sentence of a failed rule. field is the JSON path of
// the field ("payee.iban"), fe the failure as validator/v10 reports it
// (Tag, Param, Kind, Type, Value).
//
// Messages run on every failure: build the sentence in one concatenation,
// like field + " must be a valid IBAN". [Text] makes one from a template.
type Message func(field string, fe validator.FieldError) string

// A Translator rewrites the message of a field error for the request being
// answered, say for the locale of its Accept-Language header. It returns ""
// to keep f.Message, the English sentence. r is nil when the validation did
// not come with a request ([Validator.Validate], [Validator.ValidateCtx]).
type Translator func(r *http.Request, fe validator.FieldError, f apierr.FieldError) string

// An Option configures a [Validator].
type Option func(*config)

type config struct {
	rules      []rule
	messages   map[string]Message
	translator Translator
	setup      []func(*validator.Validate) error
}

type rule struct {
	tag     string
	fn      validator.FuncCtx
	null    bool
	message Message
}

// WithRule registers a rule under tag, with the message its failures get.
// message may be nil for a tag the table already covers.
func WithRule(tag string, fn validator.Func, message Message) Option {
	return func(c *config) {
		c.rules = append(c.rules, rule{tag: tag, fn: func(_ context.Context, fl validator.FieldLevel) bool { return fn(fl) }, message: message})
	}
}

// WithRuleCtx is [WithRule] for a rule that reads the context given to
// [Validator.ValidateCtx] or [Validator.ValidateRequest].
func WithRuleCtx(tag string, fn validator.FuncCtx, message Message) Option {
	return func(c *config) {
		c.rules = append(c.rules, rule{tag: tag, fn: fn, message: message})
	}
}

// WithMessage replaces the message of one tag, built-in or not.
func WithMessage(tag string, m Message) Option {
	return func(c *config) {
		if c.messages == nil {
			c.messages = map[string]Message{}
		}
		c.messages[tag] = m
	}
}

// WithTranslator sets the hook that localises messages; see [Translator].
func WithTranslator(t Translator) Option {
	return func(c *config) { c.translator = t }
}

// WithSetup runs fn on the underlying validator/v10 instance once, for what
// no other option covers: struct-level rules, custom type functions,
// aliases. It must not change the tag name function.
func WithSetup(fn func(*validator.Validate) error) Option {
	return func(c *config) { c.setup = append(c.setup, fn) }
}

// New returns a Validator with validator/v10's built-in rules, the payment
// rules of this package, JSON field names and required-struct checking. It
// panics if an option registers an invalid rule: rules are fixed at
// start-up, like regular expressions.
func New(opts ...Option) *Validator {
	var c config
	for _, o := range opts {
		o(&c)
	}
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(jsonName)
	if err := registerRules(v); err != nil {
		panic("validation: " + err.Error())
	}
	messages := make(map[string]messageFunc, len(defaultMessages)+len(c.rules)+len(c.messages))
	for tag, m := range defaultMessages {
		messages[tag] = m
	}
	for _, r := range c.rules {
		if err := v.RegisterValidationCtx(r.tag, r.fn, r.null); err != nil {
			panic(fmt.Sprintf("validation: rule %q: %v", r.tag, err))
		}
		if r.message != nil {
			messages[r.tag] = userMessage(r.message)
		}
	}
	for _, fn := range c.setup {
		if err := fn(v); err != nil {
			panic("validation: setup: " + err.Error())
		}
	}
	for tag, m := range c.messages {
		messages[tag] = userMessage(m)
	}
	return &Validator{v: v, messages: messages, translator: c.translator}
}

// Engine returns the underlying validator/v10 instance. Register nothing on
// it once requests are served.
func (v *Validator) Engine() *validator.Validate { return v.v }

// Validate checks i, a struct or a pointer to one (or a slice, array or map
// of them), and returns nil or an [*apierr.ConditionError] of condition
// [apierr.Validation] listing every failed field. It satisfies echo's
// Validator interface.
func (v *Validator) Validate(i any) error { return v.validate(context.Background(), nil, i) }

// ValidateCtx is [Validator.Validate] with a context for rules registered
// with [WithRuleCtx].
func (v *Validator) ValidateCtx(ctx context.Context, i any) error { return v.validate(ctx, nil, i) }

// ValidateRequest is [Validator.Validate] for a value decoded from r: rules
// see r's context, and the [Translator] sees r.
func (v *Validator) ValidateRequest(r *http.Request, i any) error {
	return v.validate(r.Context(), r, i)
}

func (v *Validator) validate(ctx context.Context, r *http.Request, i any) error {
	if i == nil {
		return nil
	}
	var err error
	t := indirect(reflect.TypeOf(i))
	switch t.Kind() {
	case reflect.Struct:
		err = v.v.StructCtx(ctx, i)
	case reflect.Slice, reflect.Array, reflect.Map:
		err = v.v.VarCtx(ctx, i, "dive")
	default:
		return nil
	}
	if err == nil {
		return nil
	}
	ve, ok := errors.AsType[validator.ValidationErrors](err) // errors.As would move ve to the heap
	if !ok {
		// A nil pointer or a misused tag: the server's mistake.
		return &apierr.ConditionError{Condition: apierr.Internal, Cause: err}
	}
	fields := v.appendFields(nil, ve, t.Name(), r)
	if t.Kind() == reflect.Struct {
		if params := paramsOf(t); params != nil {
			for i := range fields {
				fields[i].In = params[fields[i].Field]
			}
		}
	}
	return &apierr.ConditionError{Condition: apierr.Validation, Fields: fields, Cause: err}
}

func indirect(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// Fields returns the field errors of err: those of an [*apierr.ConditionError]
// or [*apierr.Error] in its chain, or those of validator/v10's
// ValidationErrors with this Validator's messages, translated for r (which
// may be nil).
func (v *Validator) Fields(r *http.Request, err error) []apierr.FieldError {
	if f, ok := fieldsOf(err); ok {
		return f
	}
	if ve, ok := errors.AsType[validator.ValidationErrors](err); ok {
		return v.appendFields(nil, ve, rootUnknown, r)
	}
	return nil
}

// std is the Validator of the package-level [Fields].
var std = sync.OnceValue(func() *Validator { return New() })

// Fields returns the field errors of err, for a handler that answers a
// failed validation with its own code:
//
//	if err := v.Validate(req); err != nil {
//		return apierr.New(apierr.PYE0003).WithFields(validation.Fields(err)...)
//	}
//
// err may be the result of [Validator.Validate], [DecodeJSON] or
// [DecodeError], any error holding an [*apierr.Error], or validator/v10's
// ValidationErrors (named with the messages of a default [Validator]; JSON
// names only if the validator/v10 instance used them). It returns nil for
// other errors.
func Fields(err error) []apierr.FieldError {
	if f, ok := fieldsOf(err); ok {
		return f
	}
	if ve, ok := errors.AsType[validator.ValidationErrors](err); ok {
		return std().appendFields(nil, ve, rootUnknown, nil)
	}
	return nil
}

// fieldsOf returns the fields of the first [*apierr.ConditionError] or
// [*apierr.Error] in err's chain.
func fieldsOf(err error) ([]apierr.FieldError, bool) {
	if ce, ok := errors.AsType[*apierr.ConditionError](err); ok {
		return ce.Fields, true
	}
	if e, ok := errors.AsType[*apierr.Error](err); ok {
		return e.Fields(), true
	}
	return nil, false
}

// Markers the tag name function gives fields JSON does not name: an
// embedded struct, whose fields JSON flattens into its parent, and a field
// JSON never carries (`json:"-"`).
const (
	embeddedMark = "\x00"
	hiddenMark   = "\x01"
)

// jsonName names a field as encoding/json does.
func jsonName(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return hiddenMark
	}
	name, _, _ := strings.Cut(tag, ",")
	if name != "" {
		return name
	}
	if tag == "" {
		// A parameter is named by its parameter tag.
		if name, _ := paramName(f); name != "" {
			return name
		}
	}
	if f.Anonymous {
		t := f.Type
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() == reflect.Struct {
			return embeddedMark
		}
	}
	return f.Name
}
