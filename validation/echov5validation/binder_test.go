package echov5validation

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/validation"
	"github.com/labstack/echo/v5"
)

type payoutReq struct {
	Shop   int    `param:"shop"`
	Amount string `json:"amount" form:"amount" validate:"required,amount=2"`
	IBAN   string `json:"iban" form:"iban" validate:"required,iban"`
	Limit  int    `query:"limit" validate:"omitempty,max=100"`
}

// serve runs one request through an echo server that binds it into a
// payoutReq and answers with the condition or 204.
func serve(t *testing.T, b *Binder, method, target, contentType, body string) (*apierr.ConditionError, payoutReq) {
	t.Helper()
	e := echo.New()
	e.Binder = b
	e.Validator = validation.New()
	var (
		got    payoutReq
		gotErr error
	)
	h := func(c *echo.Context) error {
		gotErr = c.Bind(&got)
		if gotErr == nil && b.Validator == nil && method != http.MethodGet {
			gotErr = c.Validate(&got)
		}
		return c.NoContent(http.StatusNoContent)
	}
	e.Add(method, "/shops/:shop/payouts", h)
	var rd *strings.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	var req *http.Request
	if rd != nil {
		req = httptest.NewRequest(method, target, rd)
	} else {
		req = httptest.NewRequest(method, target, nil)
	}
	if contentType != "" {
		req.Header.Set(echo.HeaderContentType, contentType)
	}
	e.ServeHTTP(httptest.NewRecorder(), req)
	if gotErr == nil {
		return nil, got
	}
	var ce *apierr.ConditionError
	if !errors.As(gotErr, &ce) {
		t.Fatalf("Bind = %v (%T), want a ConditionError", gotErr, gotErr)
	}
	return ce, got
}

func TestBinder(t *testing.T) {
	const valid = `{"amount":"5000.00","iban":"GB29NWBK60161331926819"}`
	tests := []struct {
		name   string
		b      *Binder
		method string
		target string
		ct     string
		body   string
		cond   apierr.Condition
		fields []apierr.FieldError
		msg    string
		reason string // the detail "reason"
	}{
		{name: "json", b: NewBinder(), method: http.MethodPost, target: "/shops/7/payouts", ct: "application/json", body: valid},
		{name: "form allowed", b: &Binder{AllowForm: true}, method: http.MethodPost, target: "/shops/7/payouts", ct: "application/x-www-form-urlencoded", body: "amount=1.00&iban=GB29NWBK60161331926819"},
		{name: "form refused", b: NewBinder(), method: http.MethodPost, target: "/shops/7/payouts", ct: "application/x-www-form-urlencoded", body: "amount=1.00&iban=GB29NWBK60161331926819", cond: apierr.UnsupportedMediaType},
		{name: "multipart refused", b: NewBinder(), method: http.MethodPost, target: "/shops/7/payouts", ct: "multipart/form-data; boundary=x", body: "--x--", cond: apierr.UnsupportedMediaType},
		{name: "xml refused", b: NewBinder(), method: http.MethodPost, target: "/shops/7/payouts", ct: "application/xml", body: "<a>", cond: apierr.UnsupportedMediaType},
		{name: "text xml refused", b: &Binder{AllowForm: true}, method: http.MethodPost, target: "/shops/7/payouts", ct: "text/xml; charset=utf-8", body: "<a>", cond: apierr.UnsupportedMediaType},
		{name: "xml allowed", b: &Binder{AllowXML: true}, method: http.MethodPost, target: "/shops/7/payouts", ct: "application/xml", body: "<payoutReq><Amount>1.00</Amount><IBAN>GB29NWBK60161331926819</IBAN></payoutReq>"},
		{name: "xml allowed, malformed", b: &Binder{AllowXML: true}, method: http.MethodPost, target: "/shops/7/payouts", ct: "application/xml", body: "<a>", cond: apierr.BadRequest},
		{name: "query on get", b: NewBinder(), method: http.MethodGet, target: "/shops/7/payouts?limit=5"},
		{name: "bad path and query", b: NewBinder(), method: http.MethodGet, target: "/shops/x/payouts?limit=many", cond: apierr.BadRequest, fields: []apierr.FieldError{
			{Field: "shop", In: "path", Rule: "type", Param: "integer", Message: "path parameter shop must be an integer"},
			{Field: "limit", In: "query", Rule: "type", Param: "integer", Message: "query parameter limit must be an integer"},
		}},
		{name: "query ignored on post", b: NewBinder(), method: http.MethodPost, target: "/shops/7/payouts?limit=many", ct: "application/json", body: valid},
		{name: "empty", b: NewBinder(), method: http.MethodPost, target: "/shops/7/payouts", ct: "application/json", cond: apierr.BadRequest, reason: validation.ReasonEmpty},
		{name: "empty allowed", b: &Binder{AllowEmptyBody: true}, method: http.MethodPost, target: "/shops/7/payouts", ct: "application/json", cond: apierr.Validation, fields: []apierr.FieldError{
			{Field: "amount", Rule: "required", Message: "amount is required"},
			{Field: "iban", Rule: "required", Message: "iban is required"},
		}},
		{name: "malformed", b: NewBinder(), method: http.MethodPost, target: "/shops/7/payouts", ct: "application/json", body: `{"amount":}`, cond: apierr.BadRequest, reason: validation.ReasonMalformed},
		{name: "types", b: NewBinder(), method: http.MethodPost, target: "/shops/7/payouts", ct: "application/json", body: `{"amount":5000,"iban":1}`, cond: apierr.BadRequest, fields: []apierr.FieldError{
			{Field: "amount", Rule: "type", Param: "string", Message: "amount must be a string"},
			{Field: "iban", Rule: "type", Param: "string", Message: "iban must be a string"},
		}},
		{name: "unknown", b: NewBinder(validation.DisallowUnknownFields()), method: http.MethodPost, target: "/shops/7/payouts", ct: "application/json", body: `{"amount":"1","iban":"GB29NWBK60161331926819","x":1}`, cond: apierr.BadRequest, fields: []apierr.FieldError{
			{Field: "x", Rule: "unknown", Message: "x is not a known field"},
		}},
		{name: "too large", b: NewBinder(validation.MaxBytes(10)), method: http.MethodPost, target: "/shops/7/payouts", ct: "application/json", body: valid, cond: apierr.TooLarge, msg: "Request body is too large"},
		{name: "media type", b: NewBinder(), method: http.MethodPost, target: "/shops/7/payouts", ct: "text/csv", body: "a,b", cond: apierr.UnsupportedMediaType},
		{name: "validation by c.Validate", b: NewBinder(), method: http.MethodPost, target: "/shops/7/payouts", ct: "application/json", body: `{"amount":"1.005","iban":"GB29NWBK60161331926819"}`, cond: apierr.Validation, fields: []apierr.FieldError{
			{Field: "amount", Rule: "amount", Param: "2", Message: "amount must have at most 2 decimal places"},
		}},
		{name: "validation in Bind", b: &Binder{Validator: validation.New()}, method: http.MethodPost, target: "/shops/7/payouts", ct: "application/json", body: `{"amount":"-1","iban":"GB29NWBK60161331926819"}`, cond: apierr.Validation, fields: []apierr.FieldError{
			{Field: "amount", Rule: "amount", Param: "2", Message: "amount must be a positive decimal string"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ce, got := serve(t, tt.b, tt.method, tt.target, tt.ct, tt.body)
			if tt.cond == 0 && tt.fields == nil && tt.msg == "" {
				if ce != nil {
					t.Fatalf("Bind: %v %+v", ce, ce.Fields)
				}
				if got.Shop != 7 {
					t.Errorf("shop = %d", got.Shop)
				}
				return
			}
			if ce == nil {
				t.Fatalf("Bind succeeded: %+v", got)
			}
			if ce.Condition != tt.cond || tt.msg != "" && ce.Message != tt.msg || !reflect.DeepEqual(ce.Fields, tt.fields) {
				t.Errorf("got %v %q %+v\nwant %v %q %+v", ce.Condition, ce.Message, ce.Fields, tt.cond, tt.msg, tt.fields)
			}
			if tt.reason != "" && (len(ce.Details) == 0 || ce.Details[0] != (apierr.Detail{Key: "reason", Value: tt.reason})) {
				t.Errorf("details = %+v, want the reason %q", ce.Details, tt.reason)
			}
		})
	}
}
