package ginvalidation_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware/ginmw"
	"github.com/errkit/errkit/validation"
	"github.com/errkit/errkit/validation/ginvalidation"
	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
)

type transfer struct {
	Amount string `json:"amount" binding:"required,amount=2"`
	Items  []struct {
		IBAN string `json:"iban" binding:"required,iban"`
	} `json:"items" binding:"dive"`
}

func post(h http.Handler, body string) {
	req := httptest.NewRequest("POST", "/v2/transfers", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Body)
}

func ExampleInstall() {
	defer apierr.SetClock(func() time.Time { return time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC) })()
	oldV, oldJSON := binding.Validator, binding.JSON
	defer func() { binding.Validator, binding.JSON = oldV, oldJSON }()

	ginvalidation.Install(ginvalidation.New(), validation.MaxBytes(1<<20))
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	ginmw.Install(e, quiet())
	e.POST("/v2/transfers", ginmw.Handler(func(c *gin.Context) error {
		var t transfer
		if err := c.ShouldBindJSON(&t); err != nil {
			return err
		}
		c.Status(http.StatusCreated)
		return nil
	}))
	post(e, `{"amount":"1.005","items":[{"iban":"GB29NWBK60161331926819"},{"iban":"DE00"}]}`)
	// Output:
	// 400 {"statusCode":400,"code":"[GEN9002]","message":"[GEN9002] Bad request","timestamp":"2026-01-15T10:30:00.000Z","details":{"fields":[{"field":"amount","rule":"amount","param":"2","message":"amount must have at most 2 decimal places"},{"field":"items[1].iban","rule":"iban","message":"items[1].iban must be a valid IBAN"}]}}
}

func ExampleNew() {
	v := ginvalidation.New()
	var t transfer
	t.Amount = "-1"
	err := v.ValidateStruct(&t)
	for _, f := range validation.Fields(err) {
		fmt.Println(f.Field, f.Message)
	}
	// Output:
	// amount amount must be a positive decimal string
}

func ExampleValidator_ValidateStruct() {
	// Structs tagged `validate`, shared with other doors.
	v := &ginvalidation.Validator{V: validation.New()}
	type payee struct {
		IBAN string `json:"iban" validate:"required,iban"`
	}
	fmt.Println(validation.Fields(v.ValidateStruct(payee{IBAN: "DE00"}))[0].Message)
	// Output:
	// iban must be a valid IBAN
}

func ExampleValidator_Engine() {
	v := ginvalidation.New()
	_, ok := v.Engine().(interface{ SetTagName(string) })
	fmt.Println(ok)
	// Output:
	// true
}

func ExampleJSON() {
	// One call binds with the validation package, without Install.
	req := httptest.NewRequest("POST", "/", strings.NewReader(`{"amount":5}`))
	req.Header.Set("Content-Type", "application/json")
	var t transfer
	err := ginvalidation.JSON{}.Bind(req, &t)
	for _, f := range validation.Fields(err) {
		fmt.Println(f.Field, f.Message)
	}
	// Output:
	// amount amount must be a string
}

func ExampleJSON_BindBody() {
	var t transfer
	err := ginvalidation.JSON{Decode: []validation.DecodeOption{validation.DisallowUnknownFields()}}.BindBody([]byte(`{"amount":"1.00","x":1}`), &t)
	for _, f := range validation.Fields(err) {
		fmt.Println(f.Field, f.Message)
	}
	// Output:
	// x x is not a known field
}

func ExampleJSON_Name() {
	fmt.Println(ginvalidation.JSON{}.Name())
	// Output:
	// json
}
