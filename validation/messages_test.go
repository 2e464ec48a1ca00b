package validation

import (
	"reflect"
	"slices"
	"testing"

	"github.com/go-playground/validator/v10"
)

// registeredTags reads the tags and aliases of a validator/v10 instance:
// its own record of what it validates, so the test below fails as soon as
// an upgrade brings a tag the message table lacks.
func registeredTags(t *testing.T, v *validator.Validate) []string {
	t.Helper()
	rv := reflect.ValueOf(v).Elem()
	var tags []string
	for _, name := range []string{"validations", "aliases"} {
		m := rv.FieldByName(name)
		if !m.IsValid() || m.Kind() != reflect.Map {
			t.Fatalf("validator.Validate has no map field %q any more; update this test", name)
		}
		for _, k := range m.MapKeys() {
			tags = append(tags, k.String())
		}
	}
	slices.Sort(tags)
	return tags
}

func TestMessagesCoverEveryTag(t *testing.T) {
	builtin := registeredTags(t, validator.New())
	if len(builtin) < 150 {
		t.Fatalf("only %d built-in tags found", len(builtin))
	}
	for _, tag := range builtin {
		if _, ok := defaultMessages[tag]; !ok {
			t.Errorf("no message for validator/v10's tag %q", tag)
		}
	}
	for _, tag := range registeredTags(t, New().Engine()) {
		if _, ok := defaultMessages[tag]; !ok {
			t.Errorf("no message for the registered tag %q", tag)
		}
	}
	for _, tag := range Rules() {
		if _, ok := defaultMessages[tag]; !ok {
			t.Errorf("no message for the rule %q", tag)
		}
	}
}

func TestMessagesAreSentences(t *testing.T) {
	// Every message starts with the field and says something after it.
	for tag, m := range defaultMessages {
		fe := fakeFieldError{tag: tag, param: "3", kind: reflect.String}
		got := string(m(nil, "amount", fe))
		if len(got) <= len("amount ") || got[:len("amount ")] != "amount " {
			t.Errorf("%s: message %q does not start with the field", tag, got)
		}
	}
}

// fakeFieldError is a validator.FieldError for message tests.
type fakeFieldError struct {
	validator.FieldError
	tag, param string
	kind       reflect.Kind
	value      any
}

func (f fakeFieldError) Tag() string        { return f.tag }
func (f fakeFieldError) Param() string      { return f.param }
func (f fakeFieldError) Kind() reflect.Kind { return f.kind }
func (f fakeFieldError) Value() any         { return f.value }

func TestText(t *testing.T) {
	for tmpl, want := range map[string]string{
		"{field} must be at most {param} characters long": "payee.name must be at most 3 characters long",
		"{param}{field}{param}":                           "3payee.name3",
		"no placeholders":                                 "no placeholders",
		"{fiel} {param":                                   "{fiel} {param",
		"":                                                "",
	} {
		if got := Text(tmpl)("payee.name", fakeFieldError{param: "3"}); got != want {
			t.Errorf("Text(%q) = %q, want %q", tmpl, got, want)
		}
	}
}
