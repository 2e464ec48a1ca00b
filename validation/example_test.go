package validation_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/validation"
	"github.com/go-playground/validator/v10"
)

type Payee struct {
	Name string `json:"name" validate:"required,max=70"`
	IBAN string `json:"iban" validate:"required,iban"`
}

type CreatePayout struct {
	Amount   string `json:"amount" validate:"required,amount=2"`
	Currency string `json:"currency" validate:"required,iso4217"`
	Payee    Payee  `json:"payee"`
	Items    []struct {
		Amount string `json:"amount" validate:"amount=2"`
	} `json:"items" validate:"dive"`
}

func printFields(err error) {
	for _, f := range validation.Fields(err) {
		fmt.Printf("%s: %s\n", f.Field, f.Message)
	}
}

// A Validator is built once, at start-up, and shared.
var v = validation.New()

func ExampleNew() {
	v := validation.New()
	err := v.Validate(CreatePayout{Amount: "1e5", Currency: "BRL", Payee: Payee{Name: "Ana", IBAN: "GB29NWBK60161331926819"}})
	printFields(err)
	// Output: amount: amount must be a positive decimal string
}

func ExampleValidator_Validate() {
	p := CreatePayout{Amount: "1.005", Currency: "XXY", Payee: Payee{IBAN: "GB28NWBK60161331926819"}}
	p.Items = append(p.Items, struct {
		Amount string `json:"amount" validate:"amount=2"`
	}{Amount: "-1"})
	err := v.Validate(p)
	var ce *apierr.ConditionError
	if errors.As(err, &ce) {
		fmt.Println(ce.Condition)
		for _, f := range ce.Fields {
			fmt.Printf("%s %s: %s\n", f.Field, f.Rule, f.Message)
		}
	}
	// Output:
	// validation
	// amount amount: amount must have at most 2 decimal places
	// currency iso4217: currency must be an ISO 4217 currency code
	// payee.name required: payee.name is required
	// payee.iban iban: payee.iban must be a valid IBAN
	// items[0].amount amount: items[0].amount must be a positive decimal string
}

func ExampleValidator_ValidateRequest() {
	v := validation.New(validation.WithTranslator(func(r *http.Request, fe validator.FieldError, f apierr.FieldError) string {
		if r != nil && strings.HasPrefix(r.Header.Get("Accept-Language"), "pt") && fe.Tag() == "required" {
			return f.Field + " é obrigatório"
		}
		return "" // keep the English sentence
	}))
	r := httptest.NewRequest(http.MethodPost, "/payees", nil)
	r.Header.Set("Accept-Language", "pt-BR")
	printFields(v.ValidateRequest(r, Payee{IBAN: "GB29NWBK60161331926819"}))
	// Output: name: name é obrigatório
}

type tenantKey struct{}

func ExampleValidator_ValidateCtx() {
	v := validation.New(validation.WithRuleCtx("tenant_currency", func(ctx context.Context, fl validator.FieldLevel) bool {
		return fl.Field().String() == ctx.Value(tenantKey{})
	}, validation.Text("{field} must be the tenant's currency")))
	type Quote struct {
		Currency string `json:"currency" validate:"tenant_currency"`
	}
	ctx := context.WithValue(context.Background(), tenantKey{}, "BRL")
	printFields(v.ValidateCtx(ctx, Quote{Currency: "USD"}))
	// Output: currency: currency must be the tenant's currency
}

func ExampleValidator_Fields() {
	err := v.Engine().Struct(Payee{IBAN: "x"}) // validator/v10's own errors
	for _, f := range v.Fields(nil, err) {
		fmt.Printf("%s: %s\n", f.Field, f.Message)
	}
	// Output:
	// name: name is required
	// iban: iban must be a valid IBAN
}

func ExampleValidator_Engine() {
	// Struct-level rules go through the underlying validator/v10 instance,
	// registered once at start-up (or with WithSetup).
	fmt.Println(v.Engine().Var("BRL", "iso4217") == nil)
	// Output: true
}

// A handler that answers failed validation with a code of its own.
func ExampleFields() {
	err := v.Validate(Payee{Name: "Ana", IBAN: "DE00370400440532013000"})
	if err != nil {
		e := apierr.New(apierr.PYE0003).WithFields(validation.Fields(err)...)
		fmt.Println(e.Message())
		fmt.Println(e.Fields()[0].Message)
	}
	// Output:
	// [PYE0003] Payee validation failed
	// iban must be a valid IBAN
}

func ExampleWithRule() {
	v := validation.New(validation.WithRule("pix_key", func(fl validator.FieldLevel) bool {
		return len(fl.Field().String()) <= 77
	}, validation.Text("{field} must be a PIX key")))
	type Payee struct {
		Key string `json:"key" validate:"pix_key"`
	}
	printFields(v.Validate(Payee{Key: strings.Repeat("k", 78)}))
	// Output: key: key must be a PIX key
}

func ExampleWithMessage() {
	v := validation.New(validation.WithMessage("required", validation.Text("{field} is missing")))
	printFields(v.Validate(Payee{IBAN: "GB29NWBK60161331926819"}))
	// Output: name: name is missing
}

func ExampleWithTranslator() {
	v := validation.New(validation.WithTranslator(func(_ *http.Request, _ validator.FieldError, f apierr.FieldError) string {
		return strings.ToUpper(f.Message)
	}))
	printFields(v.Validate(Payee{IBAN: "GB29NWBK60161331926819"}))
	// Output: name: NAME IS REQUIRED
}

func ExampleWithSetup() {
	v := validation.New(validation.WithSetup(func(v *validator.Validate) error {
		v.RegisterAlias("brl_amount", "amount=2")
		return nil
	}), validation.WithMessage("brl_amount", validation.Text("{field} must be an amount in reais")))
	type Fee struct {
		Value string `json:"value" validate:"brl_amount"`
	}
	printFields(v.Validate(Fee{Value: "1.999"}))
	// Output: value: value must be an amount in reais
}

func ExampleText() {
	m := validation.Text("{field} must be at most {param} characters long")
	err := validation.New().Engine().Struct(Payee{Name: strings.Repeat("a", 71), IBAN: "GB29NWBK60161331926819"})
	var ve validator.ValidationErrors
	errors.As(err, &ve)
	fmt.Println(m("payee.name", ve[0]))
	// Output: payee.name must be at most 70 characters long
}

func ExampleRules() {
	fmt.Println(validation.Rules())
	// Output: [amount iban iso3166 btc_address eth_address crypto_address strfmt]
}

func ExampleIsAmount() {
	for _, s := range []string{"5000.00", "1e5", ".5", "-1", "1.005"} {
		fmt.Println(s, validation.IsAmount(s, 2))
	}
	// Output:
	// 5000.00 true
	// 1e5 false
	// .5 false
	// -1 false
	// 1.005 false
}

func ExampleIsIBAN() {
	fmt.Println(validation.IsIBAN("GB29NWBK60161331926819"), validation.IsIBAN("GB28NWBK60161331926819"))
	// Output: true false
}

func ExampleIsBitcoinAddress() {
	fmt.Println(validation.IsBitcoinAddress("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"))
	fmt.Println(validation.IsBitcoinAddress("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"))
	// Output:
	// true
	// false
}

func ExampleIsEthereumAddress() {
	fmt.Println(validation.IsEthereumAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"))
	fmt.Println(validation.IsEthereumAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"))
	// Output:
	// true
	// false
}

func ExampleIsCryptoAddress() {
	type Withdrawal struct {
		Address string `json:"address" validate:"required,crypto_address"`
	}
	printFields(v.Validate(Withdrawal{Address: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"}))
	fmt.Println(validation.IsCryptoAddress("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"))
	// Output:
	// address: address must be a valid cryptocurrency address
	// true
}

func ExampleIsFormat() {
	type Ref struct {
		ID string `json:"id" validate:"strfmt=uuid"`
		At string `json:"at" validate:"strfmt=date-time"`
	}
	printFields(v.Validate(Ref{ID: "42", At: "2026-01-15T10:30:00.000Z"}))
	fmt.Println(validation.IsFormat("date", "2026-01-15"))
	// Output:
	// id: id must be a valid uuid
	// true
}

// A net/http handler: every failure, from a bad Content-Type to a failed
// rule, is a condition that the contract renders.
func ExampleDecodeJSON() {
	restore := apierr.SetClock(func() time.Time { return time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC) })
	defer restore()
	h := func(w http.ResponseWriter, r *http.Request) {
		var req CreatePayout
		if err := validation.DecodeJSON(r, &req, validation.DisallowUnknownFields()); err != nil {
			var ce *apierr.ConditionError
			errors.As(err, &ce) // errkit's middleware does this for you
			_ = apierr.Render(w, r, apierr.Nexpay, ce.In(apierr.Nexpay))
			return
		}
		w.WriteHeader(http.StatusCreated)
	}
	for _, body := range []string{
		`{"amount":5000,"currency":"BRL","payee":{"name":"Ana","iban":"GB29NWBK60161331926819"},"memo":"x"}`,
		`{"amount":"-1","currency":"BRL","payee":{"name":"Ana","iban":"GB29NWBK60161331926819"}}`,
		`{"amount":"1"`,
	} {
		r := httptest.NewRequest(http.MethodPost, "/v2/payouts", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h(w, r)
		fmt.Println(w.Code, w.Body.String())
	}
	// Output:
	// 400 {"statusCode":400,"code":"[GEN9002]","message":"[GEN9002] Bad request","timestamp":"2026-01-15T10:30:00.000Z","details":{"fields":[{"field":"amount","rule":"type","param":"string","message":"amount must be a string"},{"field":"memo","rule":"unknown","message":"memo is not a known field"}]}}
	// 400 {"statusCode":400,"code":"[GEN9002]","message":"[GEN9002] Bad request","timestamp":"2026-01-15T10:30:00.000Z","details":{"fields":[{"field":"amount","rule":"amount","param":"2","message":"amount must be a positive decimal string"}]}}
	// 400 {"statusCode":400,"code":"[GEN9002]","message":"[GEN9002] Bad request","timestamp":"2026-01-15T10:30:00.000Z","details":{"reason":"truncated","problem":"Request body ends before the JSON value is complete"}}
}

func ExampleDecode() {
	var p Payee
	err := validation.Decode([]byte(`{"name":"Ana","iban":"GB29 NWBK 6016 1331 9268 19"}`), &p)
	printFields(err)
	// Output: iban: iban must be a valid IBAN
}

func ExampleMaxBytes() {
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"name":"`+strings.Repeat("a", 100)+`"}`))
	r.Header.Set("Content-Type", "application/json")
	err := validation.DecodeJSON(r, &Payee{}, validation.MaxBytes(64))
	var ce *apierr.ConditionError
	errors.As(err, &ce)
	fmt.Println(ce.Condition, ce.In(apierr.Nexpay).Status())
	// Output: too_large 413
}

func ExampleMaxDepth() {
	var anything any
	err := validation.Decode([]byte(`[[[[1]]]]`), &anything, validation.MaxDepth(3), validation.WithValidator(nil))
	fmt.Println(err)
	// Output: bad_request: request body nests too deeply
}

func ExampleDisallowUnknownFields() {
	err := validation.Decode([]byte(`{"name":"Ana","iban":"GB29NWBK60161331926819","nickname":"A"}`), &Payee{}, validation.DisallowUnknownFields())
	printFields(err)
	// Output: nickname: nickname is not a known field
}

func ExampleWithValidator() {
	strict := validation.New(validation.WithMessage("iban", validation.Text("{field} is not an IBAN")))
	err := validation.Decode([]byte(`{"name":"Ana","iban":"x"}`), &Payee{}, validation.WithValidator(strict))
	printFields(err)
	// Output: iban: iban is not an IBAN
}

func ExampleAnyContentType() {
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"name":"Ana","iban":"GB29NWBK60161331926819"}`))
	r.Header.Set("Content-Type", "text/plain")
	fmt.Println(validation.DecodeJSON(r, &Payee{}))
	fmt.Println(validation.DecodeJSON(r, &Payee{}, validation.AnyContentType()))
	// Output:
	// unsupported_media_type: Request body must be JSON (Content-Type: application/json)
	// <nil>
}

type ListPayments struct {
	Limit  int       `query:"limit" validate:"omitempty,max=100"`
	Status []string  `query:"status"`
	Since  time.Time `query:"since"`
}

func ExampleBindQuery() {
	r := httptest.NewRequest(http.MethodGet, "/v2/payments?limit=ten&since=yesterday", nil)
	var p ListPayments
	err := validation.BindQuery(r, &p)
	for _, f := range validation.Fields(err) {
		fmt.Printf("%s (%s): %s\n", f.Field, f.In, f.Message)
	}
	// Output:
	// limit (query): query parameter limit must be an integer
	// since (query): query parameter since must be a date-time (RFC 3339)
}

func ExampleBindPath() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v2/payments/{id}", func(w http.ResponseWriter, r *http.Request) {
		var p struct {
			ID int64 `path:"id"`
		}
		err := validation.BindPath(r, &p)
		fmt.Println(p.ID, validation.Fields(err))
	})
	mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/v2/payments/42", nil))
	mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/v2/payments/p42", nil))
	// Output:
	// 42 []
	// 0 [{id path type integer path parameter id must be an integer}]
}

func ExampleBindHeader() {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("X-Nonce", "abc")
	var h struct {
		Nonce uint64 `header:"X-Nonce"`
	}
	printFields(validation.BindHeader(r, &h))
	// Output: X-Nonce: header parameter X-Nonce must be a non-negative integer
}

func ExampleBindParams() {
	// Parameters of any router, here a map.
	params := map[string]string{"shop": "s1", "page": "two"}
	var p struct {
		Shop string `path:"shop"`
		Page int    `path:"page"`
	}
	err := validation.BindParams(validation.InPath, func(name string) []string {
		if v, ok := params[name]; ok {
			return []string{v}
		}
		return nil
	}, &p)
	printFields(err)
	// Output: page: path parameter page must be an integer
}

func ExampleBindTag() {
	var p struct {
		ID int `param:"id"` // echo's tag for path parameters
	}
	err := validation.BindTag(validation.InPath, "param", func(string) []string { return []string{"x"} }, &p)
	fmt.Println(validation.Fields(err)[0].In)
	// Output: path
}

func ExampleRulesWithTypeErrors() {
	// A caller that validates later (echo's c.Bind, then c.Validate) still
	// hears of the rules a body with a value of the wrong type fails.
	var p CreatePayout
	err := validation.Decode([]byte(`{"amount":5,"currency":"EUR"}`), &p, validation.RulesWithTypeErrors(nil))
	for _, f := range validation.Fields(err) {
		fmt.Println(f.Field, f.Rule, "-", f.Message)
	}
	// A body that decodes is left for the later validation.
	fmt.Println(validation.Decode([]byte(`{"amount":"5.00"}`), &p, validation.RulesWithTypeErrors(nil)))
	// Output:
	// amount type - amount must be a string
	// payee.name required - payee.name is required
	// payee.iban required - payee.iban is required
	// <nil>
}

func ExampleTypeErrorsFirst() {
	typed := []apierr.FieldError{{Field: "amount", Rule: "type", Param: "string", Message: "amount must be a string"}}
	rules := []apierr.FieldError{
		{Field: "amount", Rule: "required", Message: "amount is required"},
		{Field: "currency", Rule: "required", Message: "currency is required"},
	}
	for _, f := range validation.TypeErrorsFirst(typed, rules) {
		fmt.Println(f.Field, f.Rule)
	}
	// Output:
	// amount type
	// currency required
}

// CapFields bounds a list of field errors another checker found: past
// MaxFieldErrors, one entry says how many were left out.
func ExampleCapFields() {
	fields := make([]apierr.FieldError, validation.MaxFieldErrors+2)
	capped := validation.CapFields(fields)
	last := capped[len(capped)-1]
	fmt.Println(len(capped), last.Rule, last.Param, last.Message)
	// Output: 51 truncated 2 and 2 more problems were not listed
}
