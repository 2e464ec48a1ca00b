package echov5validation_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/validation"
	"github.com/errkit/errkit/validation/echov5validation"
	"github.com/labstack/echo/v5"
)

type CreatePayout struct {
	Shop   string `param:"shop"`
	Amount string `json:"amount" validate:"required,amount=2"`
	IBAN   string `json:"iban" validate:"required,iban"`
}

// printCondition stands in for errkit's echo error handler: it prints
// the condition a handler returned.
func printCondition(err error) {
	var ce *apierr.ConditionError
	if errors.As(err, &ce) {
		switch {
		case ce.Message != "":
			fmt.Println(ce.Condition, ce.Message)
		case len(ce.Details) > 0 && ce.Details[0].Key == "reason":
			fmt.Println(ce.Condition, ce.Details[0].Value)
		default:
			fmt.Println(ce.Condition)
		}
		for _, f := range ce.Fields {
			fmt.Printf("  %s: %s\n", f.Field, f.Message)
		}
	}
}

func ExampleNewBinder() {
	e := echo.New()
	e.Binder = echov5validation.NewBinder(validation.DisallowUnknownFields(), validation.MaxBytes(64<<10))
	e.Validator = validation.New()
	e.POST("/shops/:shop/payouts", func(c *echo.Context) error {
		var req CreatePayout
		if err := c.Bind(&req); err != nil {
			printCondition(err)
			return err
		}
		if err := c.Validate(&req); err != nil {
			printCondition(err)
			return err
		}
		return c.NoContent(http.StatusCreated)
	})
	for _, body := range []string{
		`{"amount":5000,"iban":"GB29NWBK60161331926819","memo":"x"}`,
		`{"amount":"5000.001","iban":"GB29NWBK60161331926819"}`,
	} {
		r := httptest.NewRequest(http.MethodPost, "/shops/s1/payouts", strings.NewReader(body))
		r.Header.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
		e.ServeHTTP(httptest.NewRecorder(), r)
	}
	// Output:
	// bad_request
	//   amount: amount must be a string
	//   memo: memo is not a known field
	// validation
	//   amount: amount must have at most 2 decimal places
}

func ExampleBinder_Bind() {
	// With a Validator, Bind alone checks the request.
	b := &echov5validation.Binder{Validator: validation.New()}
	e := echo.New()
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"amount":"10.00","iban":"GB28NWBK60161331926819"}`))
	r.Header.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
	c := e.NewContext(r, httptest.NewRecorder())
	printCondition(b.Bind(c, &CreatePayout{}))
	// Output:
	// validation
	//   iban: iban must be a valid IBAN
}

func ExampleBinder_BindParams() {
	type ListPayouts struct {
		Shop  int `param:"shop"`
		Limit int `query:"limit"`
	}
	e := echo.New()
	c := e.NewContext(httptest.NewRequest(http.MethodGet, "/shops/x/payouts?limit=ten", nil), httptest.NewRecorder())
	c.SetPathValues(echo.PathValues{{Name: "shop", Value: "x"}})
	printCondition(echov5validation.NewBinder().BindParams(c, &ListPayouts{}))
	// Output:
	// bad_request
	//   shop: path parameter shop must be an integer
	//   limit: query parameter limit must be an integer
}

func ExampleBinder_BindBody() {
	e := echo.New()
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"amount":"1",`))
	r.Header.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
	c := e.NewContext(r, httptest.NewRecorder())
	printCondition(echov5validation.NewBinder().BindBody(c, &CreatePayout{}))
	// Output:
	// bad_request truncated
}

func ExampleBinder_AllowForm() {
	// A JSON API refuses forms and XML; AllowForm and AllowXML let them in.
	e := echo.New()
	body := "amount=10.00&iban=GB29NWBK60161331926819"
	for _, b := range []*echov5validation.Binder{echov5validation.NewBinder(), {AllowForm: true}} {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		r.Header.Set(echo.HeaderContentType, echo.MIMEApplicationForm)
		c := e.NewContext(r, httptest.NewRecorder())
		var req struct {
			Amount string `form:"amount"`
		}
		if err := b.Bind(c, &req); err != nil {
			printCondition(err)
			continue
		}
		fmt.Println("amount", req.Amount)
	}
	// Output:
	// unsupported_media_type Request body must be JSON (Content-Type: application/json)
	// amount 10.00
}
