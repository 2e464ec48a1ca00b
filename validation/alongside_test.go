package validation

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
)

type lineReq struct {
	Amount   string `json:"amount" validate:"required"`
	Currency string `json:"currency" validate:"required,iso4217"`
}

type basketReq struct {
	Items []lineReq `json:"items" validate:"required,dive"`
	Payee payeeReq  `json:"payee"`
	Note  string    `json:"note" validate:"max=3"`
}

// A value of the wrong type does not hide the rules the rest of the body
// fails: both are answered at once, the mismatched field once, with its
// type error.
func TestTypeErrorsAlongsideRules(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		opts   []DecodeOption
		fields []string // field: rule
	}{
		{"issue example", `{"items":[{"amount":5}],"payee":{"name":"Ana","iban":"GB29NWBK60161331926819"}}`, nil,
			[]string{"items[0].amount:type", "items[0].currency:required"}},
		{"mismatched field once", `{"items":[{"amount":5,"currency":"EUR"}],"payee":{"name":7,"iban":"x"}}`, nil,
			[]string{"items[0].amount:type", "payee.name:type", "payee.iban:iban"}},
		{"whole object mismatched", `{"items":[{"amount":"1","currency":"EUR"}],"payee":"Ana","note":"long"}`, nil,
			[]string{"payee:type", "note:max"}},
		{"whole array mismatched", `{"items":{"amount":"1"},"payee":{"name":"Ana","iban":"GB29NWBK60161331926819"}}`, nil,
			[]string{"items:type"}},
		{"body of the wrong type", `[1,2]`, nil, []string{":type"}},
		{"unknown field", `{"items":[{"amount":"1","currency":"EUR"}],"payee":{"name":"Ana"},"extra":1}`, []DecodeOption{DisallowUnknownFields()},
			[]string{"extra:unknown", "payee.iban:required"}},
		{"without validation", `{"items":[{"amount":5}]}`, []DecodeOption{WithValidator(nil)}, []string{"items[0].amount:type"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, door := range []string{"DecodeJSON", "Decode"} {
				var dst basketReq
				var err error
				if door == "Decode" {
					err = Decode([]byte(tc.body), &dst, tc.opts...)
				} else {
					err = DecodeJSON(request(tc.body, "application/json"), &dst, tc.opts...)
				}
				ce, ok := errors.AsType[*apierr.ConditionError](err)
				if !ok || ce.Condition != apierr.BadRequest {
					t.Fatalf("%s: %v, want a BadRequest", door, err)
				}
				var got []string
				for _, f := range ce.Fields {
					got = append(got, f.Field+":"+f.Rule)
				}
				if !slices.Equal(got, tc.fields) {
					t.Errorf("%s: fields %v, want %v", door, got, tc.fields)
				}
			}
		})
	}
}

// The list stays within MaxFieldErrors, the type errors first.
func TestTypeErrorsAlongsideRulesCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"items":[`)
	for i := range MaxFieldErrors {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"amount":5}`)
	}
	b.WriteString(`]}`)
	var dst basketReq
	err := Decode([]byte(b.String()), &dst)
	ce, ok := errors.AsType[*apierr.ConditionError](err)
	if !ok {
		t.Fatal(err)
	}
	if len(ce.Fields) != MaxFieldErrors+1 {
		t.Fatalf("%d fields, want %d", len(ce.Fields), MaxFieldErrors+1)
	}
	last := ce.Fields[MaxFieldErrors]
	// 50 type errors listed; 50 missing currencies and the payee's two
	// required fields left out.
	if last.Rule != RuleTruncated || last.Param != "52" {
		t.Errorf("last field %+v", last)
	}
	if ce.Fields[MaxFieldErrors-1].Rule != "type" {
		t.Errorf("field %d is %+v, want a type error", MaxFieldErrors-1, ce.Fields[MaxFieldErrors-1])
	}
}

func TestTypeErrorsFirst(t *testing.T) {
	typed := []apierr.FieldError{{Field: "payee", Rule: "type"}, {Field: "items[0].amount", Rule: "type"}}
	rules := []apierr.FieldError{
		{Field: "payee.name", Rule: "required"}, {Field: "items[0].amount", Rule: "required"},
		{Field: "items[0].currency", Rule: "required"}, {Field: "payees", Rule: "max"},
	}
	var got []string
	for _, f := range TypeErrorsFirst(typed, rules) {
		got = append(got, f.Field+":"+f.Rule)
	}
	if want := []string{"payee:type", "items[0].amount:type", "items[0].currency:required", "payees:max"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
