package validation

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/go-playground/validator/v10"
)

type base struct {
	ID string `json:"id" validate:"required"`
}

type payee struct {
	Name string `json:"name" validate:"required"`
	IBAN string `json:"iban" validate:"iban"`
}

type item struct {
	Amount string `json:"amount" validate:"amount=2"`
}

type payout struct {
	base
	Amount   string            `json:"amount" validate:"required,amount=2"`
	Currency string            `json:"currency" validate:"required,iso4217"`
	Payee    payee             `json:"payee"`
	Items    []item            `json:"items" validate:"max=3,dive"`
	Meta     map[string]string `json:"meta" validate:"dive,max=5"`
	Secret   string            `json:"-" validate:"required"`
	Plain    int               `validate:"gte=1"`
	Note     *string           `json:"note,omitempty" validate:"omitempty,min=2"`
	Address  *struct {
		Country string `json:"country" validate:"iso3166"`
	} `json:"address" validate:"required"`
}

func fieldsOfErr(t *testing.T, err error) []apierr.FieldError {
	t.Helper()
	var ce *apierr.ConditionError
	if !errors.As(err, &ce) {
		t.Fatalf("error %v (%T) is not a ConditionError", err, err)
	}
	if ce.Condition != apierr.Validation {
		t.Fatalf("condition = %v, want validation", ce.Condition)
	}
	return ce.Fields
}

func TestValidatePaths(t *testing.T) {
	v := New()
	note := "x"
	p := payout{
		Amount:   "1.005",
		Currency: "XXY",
		Payee:    payee{IBAN: "GB00NWBK60161331926819"},
		Items:    []item{{Amount: "1.00"}, {Amount: "-1"}},
		Meta:     map[string]string{"key": "toolongvalue"},
		Note:     &note,
	}
	got := fieldsOfErr(t, v.Validate(&p))
	want := []apierr.FieldError{
		{Field: "id", Rule: "required", Message: "id is required"},
		{Field: "amount", Rule: "amount", Param: "2", Message: "amount must have at most 2 decimal places"},
		{Field: "currency", Rule: "iso4217", Message: "currency must be an ISO 4217 currency code"},
		{Field: "payee.name", Rule: "required", Message: "payee.name is required"},
		{Field: "payee.iban", Rule: "iban", Message: "payee.iban must be a valid IBAN"},
		{Field: "items[1].amount", Rule: "amount", Param: "2", Message: "items[1].amount must be a positive decimal string"},
		{Field: "meta[key]", Rule: "max", Param: "5", Message: "meta[key] must be at most 5 characters long"},
		{Field: "", Rule: "required", Message: "value is required"},
		{Field: "Plain", Rule: "gte", Param: "1", Message: "Plain must be at least 1"},
		{Field: "note", Rule: "min", Param: "2", Message: "note must be at least 2 characters long"},
		{Field: "address", Rule: "required", Message: "address is required"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields:\n got %+v\nwant %+v", got, want)
	}
}

func TestValidateNested(t *testing.T) {
	v := New()
	type inner struct {
		Country string `json:"country" validate:"iso3166"`
	}
	type outer struct {
		*inner
		Deep struct {
			List [][]item `json:"list" validate:"dive,dive"`
		} `json:"deep"`
		Pay map[string]payee `json:"pay" validate:"dive"`
	}
	o := outer{inner: &inner{Country: "gb"}, Pay: map[string]payee{"x": {Name: "n", IBAN: "DE89370400440532013000"}}}
	o.Deep.List = [][]item{{{Amount: "1"}}, {{Amount: "1e5"}}}
	got := fieldsOfErr(t, v.Validate(o))
	want := []apierr.FieldError{
		{Field: "country", Rule: "iso3166", Message: "country must be an ISO 3166-1 alpha-2 country code"},
		{Field: "deep.list[1][0].amount", Rule: "amount", Param: "2", Message: "deep.list[1][0].amount must be a positive decimal string"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields:\n got %+v\nwant %+v", got, want)
	}
}

func TestValidateSlice(t *testing.T) {
	got := fieldsOfErr(t, New().Validate([]item{{Amount: "1"}, {Amount: "x"}}))
	if len(got) != 1 || got[0].Field != "[1].amount" {
		t.Errorf("fields = %+v", got)
	}
}

func TestValidateValid(t *testing.T) {
	v := New()
	ok := item{Amount: "5000.00"}
	for _, x := range []any{nil, ok, &ok, []item{ok}, 42, "s"} {
		if err := v.Validate(x); err != nil {
			t.Errorf("Validate(%v) = %v", x, err)
		}
	}
	var nilItem *item
	var ce *apierr.ConditionError
	if err := v.Validate(nilItem); !errors.As(err, &ce) || ce.Condition != apierr.Internal {
		t.Errorf("Validate(nil pointer) = %v, want an internal condition", err)
	}
}

func TestOptions(t *testing.T) {
	type req struct {
		Code string `json:"code" validate:"required,even"`
		Name string `json:"name" validate:"required"`
	}
	type ctxKey struct{}
	v := New(
		WithRuleCtx("even", func(ctx context.Context, fl validator.FieldLevel) bool {
			return ctx.Value(ctxKey{}) == nil && len(fl.Field().String())%2 == 0
		}, Text("{field} must have an even length")),
		WithMessage("required", func(field string, _ validator.FieldError) string { return field + " is missing" }),
		WithTranslator(func(r *http.Request, fe validator.FieldError, f apierr.FieldError) string {
			if r != nil && r.Header.Get("Accept-Language") == "pt" && fe.Tag() == "required" {
				return f.Field + " é obrigatório"
			}
			return ""
		}),
		WithSetup(func(v *validator.Validate) error {
			v.RegisterAlias("short_code", "max=2")
			return nil
		}),
	)
	got := fieldsOfErr(t, v.Validate(req{Code: "abc"}))
	if len(got) != 2 || got[0].Message != "code must have an even length" || got[1].Message != "name is missing" {
		t.Errorf("fields = %+v", got)
	}
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("Accept-Language", "pt")
	got = fieldsOfErr(t, v.ValidateRequest(r, req{Code: "ab"}))
	if len(got) != 1 || got[0].Message != "name é obrigatório" {
		t.Errorf("translated fields = %+v", got)
	}
	ctx := context.WithValue(context.Background(), ctxKey{}, 1)
	got = fieldsOfErr(t, v.ValidateCtx(ctx, req{Code: "ab", Name: "n"}))
	if len(got) != 1 || got[0].Rule != "even" {
		t.Errorf("ctx fields = %+v", got)
	}
}

func TestNewPanicsOnBadRule(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for a rule without a tag")
		}
	}()
	New(WithRule("", func(validator.FieldLevel) bool { return true }, nil))
}

func TestFields(t *testing.T) {
	err := New().Validate(item{Amount: "x"})
	want := []apierr.FieldError{{Field: "amount", Rule: "amount", Param: "2", Message: "amount must be a positive decimal string"}}
	if got := Fields(err); !reflect.DeepEqual(got, want) {
		t.Errorf("Fields(ConditionError) = %+v", got)
	}
	e := apierr.New(apierr.PYE0003).WithFields(Fields(err)...)
	if got := Fields(e); !reflect.DeepEqual(got, want) {
		t.Errorf("Fields(*apierr.Error) = %+v", got)
	}
	// validator/v10's own errors, from an instance without JSON names.
	raw := validator.New().Struct(struct {
		Amount string `validate:"required"`
	}{})
	want = []apierr.FieldError{{Field: "Amount", Rule: "required", Message: "Amount is required"}}
	if got := Fields(raw); !reflect.DeepEqual(got, want) {
		t.Errorf("Fields(ValidationErrors) = %+v", got)
	}
	if Fields(errors.New("other")) != nil {
		t.Error("Fields of a plain error is not nil")
	}
	if got := New().Fields(nil, err); !reflect.DeepEqual(got, Fields(err)) {
		t.Errorf("Validator.Fields = %+v", got)
	}
}

func TestJSONPathRoot(t *testing.T) {
	for _, tt := range []struct{ ns, root, want string }{
		{"[2].amount", "", "[2].amount"},
		{"[2].amount", "Items", "[2].amount"},
		{"amount", "", "amount"},
		{"b.c", "", "b.c"},
		{"Payoutx.a", "Payout", "Payoutx.a"},
		{"Payout.a", rootUnknown, "a"},
		{"[0].a", rootUnknown, "[0].a"},
		{"a", rootUnknown, "a"},
		{"m[a.b]", rootUnknown, "m[a.b]"},
	} {
		if got := jsonPath(tt.ns, tt.root); got != tt.want {
			t.Errorf("jsonPath(%q, %q) = %q, want %q", tt.ns, tt.root, got, tt.want)
		}
	}
}

func TestJSONPath(t *testing.T) {
	for ns, want := range map[string]string{
		"Payout.amount":                       "amount",
		"Payout.items[0].amount":              "items[0].amount",
		"Payout":                              "",
		"Payout.\x00.id":                      "id",
		"Payout.\x00.\x00.id":                 "id",
		"Payout.payee.\x01":                   "payee",
		"Payout.\x01":                         "",
		"Payout.list[0].\x00.meta[a.b]":       "list[0].meta[a.b]",
		"Payout.x.\x00":                       "x",
		"Payout.m[k].\x00.v":                  "m[k].v",
		"Payout.m[unterminated":               "m[unterminated",
		"Payout.m[unterminated.\x00":          "m[unterminated.\x00",
		"Payout.deep.list[1][0].\x00.amount":  "deep.list[1][0].amount",
		"Payout.deep.list[1][0].\x01.amount":  "deep.list[1][0]",
		"Payout.deep.list[1][0].\x00.amount2": "deep.list[1][0].amount2",
	} {
		if got := jsonPath(ns, "Payout"); got != want {
			t.Errorf("jsonPath(%q) = %q, want %q", ns, got, want)
		}
	}
}

func TestValidateConcurrently(t *testing.T) {
	v := New()
	done := make(chan []apierr.FieldError)
	for i := 0; i < 8; i++ {
		go func() {
			var last []apierr.FieldError
			for j := 0; j < 50; j++ {
				last = Fields(v.Validate(payee{IBAN: "x"}))
			}
			done <- last
		}()
	}
	for i := 0; i < 8; i++ {
		if got := <-done; len(got) != 2 || got[0].Field != "name" || got[1].Field != "iban" {
			t.Errorf("fields = %+v", got)
		}
	}
}
