package validation

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/jsonbody"
)

type payeeReq struct {
	Name string `json:"name" validate:"required"`
	IBAN string `json:"iban" validate:"required,iban"`
}

type payoutReq struct {
	Amount   string            `json:"amount" validate:"required,amount=2"`
	Currency string            `json:"currency" validate:"required,iso4217"`
	Count    int8              `json:"count"`
	Rate     float32           `json:"rate"`
	Payee    payeeReq          `json:"payee"`
	Items    []item            `json:"items" validate:"dive"`
	Meta     map[string]int    `json:"meta"`
	When     time.Time         `json:"when"`
	Blob     []byte            `json:"blob"`
	Flag     bool              `json:"flag"`
	Any      any               `json:"any"`
	Quoted   int               `json:"quoted,string"`
	ByID     map[int]string    `json:"byId"`
	Nested   map[string][]item `json:"nested"`
	Arr      [2]int            `json:"arr"`
}

const validPayout = `{"amount":"5000.00","currency":"BRL","payee":{"name":"Ana","iban":"GB29NWBK60161331926819"}}`

func request(body, contentType string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/payouts", strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return r
}

func TestDecodeJSON(t *testing.T) {
	type want struct {
		cond    apierr.Condition
		msg     string
		fields  []apierr.FieldError
		details []apierr.Detail
	}
	tests := []struct {
		name string
		body string
		ct   string
		opts []DecodeOption
		want *want
	}{
		{"valid", validPayout, "application/json", nil, nil},
		{"charset", validPayout, "application/json; charset=utf-8", nil, nil},
		{"problem json", validPayout, "application/merge-patch+json", nil, nil},
		{"no validation", `{}`, "application/json", []DecodeOption{WithValidator(nil)}, nil},
		{"any content type", validPayout, "text/plain", []DecodeOption{AnyContentType()}, nil},
		{"quoted int", `{"amount":"1","currency":"BRL","payee":{"name":"a","iban":"DE89370400440532013000"},"quoted":"12"}`, "application/json", nil, nil},
		{"empty", "", "application/json", nil, &want{cond: apierr.BadRequest, details: reasonOf(ReasonEmpty, jsonbody.ProblemEmpty)}},
		{"blank", "  \n", "application/json", nil, &want{cond: apierr.BadRequest, details: reasonOf(ReasonEmpty, jsonbody.ProblemEmpty)}},
		{"truncated", `{"amount":"5`, "application/json", nil, &want{cond: apierr.BadRequest, details: reasonOf(ReasonTruncated, jsonbody.ProblemTruncated)}},
		{"malformed", `{"amount":5000.00.0}`, "application/json", nil, &want{cond: apierr.BadRequest,
			details: reasonOf(ReasonMalformed, jsonbody.ProblemMalformed, apierr.Detail{Key: "offset", Value: int64(17)})}},
		{"trailing", validPayout + ` {}`, "application/json", nil, &want{cond: apierr.BadRequest,
			details: reasonOf(ReasonTrailingData, "Request body has data after the JSON value", apierr.Detail{Key: "offset", Value: int64(len(validPayout) + 1)})}},
		{"deep", strings.Repeat(`{"a":`, 40) + "1" + strings.Repeat("}", 40), "application/json", nil, &want{cond: apierr.BadRequest,
			details: reasonOf(ReasonTooDeep, jsonbody.ProblemTooDeep, apierr.Detail{Key: "offset", Value: int64(32 * 5)}, apierr.Detail{Key: "maxDepth", Value: 32})}},
		{"deep in string is fine", `{"amount":"5000.00","currency":"BRL","payee":{"name":"` + strings.Repeat(`[{\"`, 50) + `","iban":"GB29NWBK60161331926819"}}`, "application/json", nil, nil},
		{"too large", `{"amount":"` + strings.Repeat("1", 100) + `"}`, "application/json", []DecodeOption{MaxBytes(64)}, &want{cond: apierr.TooLarge, msg: jsonbody.MessageTooLarge,
			details: []apierr.Detail{{Key: "limit", Value: int64(64)}}}},
		{"no content type", validPayout, "", nil, &want{cond: apierr.UnsupportedMediaType, msg: "Request body must be JSON (Content-Type: application/json)"}},
		{"form", "a=1", "application/x-www-form-urlencoded", nil, &want{cond: apierr.UnsupportedMediaType, msg: "Request body must be JSON (Content-Type: application/json)"}},
		{"types", `{"amount":5000,"count":300,"rate":1e40,"payee":{"name":true,"iban":[]},"items":[{"amount":"1"},{"amount":2}],"meta":{"a":1,"b":"x"},"when":"yesterday","blob":"!!","flag":"yes","any":[1],"byId":{"x":"y"},"nested":{"k":[{"amount":{}}]},"arr":[1,"2"]}`,
			"application/json", nil, &want{cond: apierr.BadRequest, fields: []apierr.FieldError{
				{Field: "amount", Rule: "type", Param: "string", Message: "amount must be a string"},
				{Field: "count", Rule: "type", Param: "integer", Message: "count is out of range for an integer field"},
				{Field: "rate", Rule: "type", Param: "number", Message: "rate is out of range for a number field"},
				{Field: "payee.name", Rule: "type", Param: "string", Message: "payee.name must be a string"},
				{Field: "payee.iban", Rule: "type", Param: "string", Message: "payee.iban must be a string"},
				{Field: "items[1].amount", Rule: "type", Param: "string", Message: "items[1].amount must be a string"},
				{Field: "meta[b]", Rule: "type", Param: "integer", Message: "meta[b] must be an integer"},
				{Field: "when", Rule: "type", Param: "date-time", Message: "when must be a date-time (RFC 3339)"},
				{Field: "blob", Rule: "type", Param: "string", Message: "blob must be a Base64 string"},
				{Field: "flag", Rule: "type", Param: "boolean", Message: "flag must be a boolean"},
				{Field: "byId[x]", Rule: "type", Param: "integer", Message: "byId[x] has a key that is not an integer"},
				{Field: "nested[k][0].amount", Rule: "type", Param: "string", Message: "nested[k][0].amount must be a string"},
				{Field: "arr[1]", Rule: "type", Param: "integer", Message: "arr[1] must be an integer"},
			}}},
		{"root type", `[1]`, "application/json", nil, &want{cond: apierr.BadRequest, fields: []apierr.FieldError{
			{Field: "", Rule: "type", Param: "object", Message: "request body must be an object"}}}},
		{"unknown allowed", `{"amount":"1","currency":"BRL","payee":{"name":"a","iban":"DE89370400440532013000","bank":"x"},"extra":1}`, "application/json", nil, nil},
		{"unknown", `{"amount":"1","currency":"BRL","payee":{"name":"a","iban":"DE89370400440532013000","bank":"x"},"extra":1,"AMOUNT":"2"}`, "application/json",
			[]DecodeOption{DisallowUnknownFields()}, &want{cond: apierr.BadRequest, fields: []apierr.FieldError{
				{Field: "payee.bank", Rule: "unknown", Message: "payee.bank is not a known field"},
				{Field: "extra", Rule: "unknown", Message: "extra is not a known field"},
			}}},
		{"unknown and types", `{"amount":1,"x":null}`, "application/json",
			[]DecodeOption{DisallowUnknownFields()}, &want{cond: apierr.BadRequest, fields: []apierr.FieldError{
				{Field: "amount", Rule: "type", Param: "string", Message: "amount must be a string"},
				{Field: "x", Rule: "unknown", Message: "x is not a known field"},
			}}},
		{"validation", `{"amount":"1.005","currency":"BRL","payee":{"name":"","iban":"GB28NWBK60161331926819"},"items":[{"amount":"0"}]}`, "application/json", nil,
			&want{cond: apierr.Validation, fields: []apierr.FieldError{
				{Field: "amount", Rule: "amount", Param: "2", Message: "amount must have at most 2 decimal places"},
				{Field: "payee.name", Rule: "required", Message: "payee.name is required"},
				{Field: "payee.iban", Rule: "iban", Message: "payee.iban must be a valid IBAN"},
				{Field: "items[0].amount", Rule: "amount", Param: "2", Message: "items[0].amount must be a positive decimal string"},
			}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var dst payoutReq
			err := DecodeJSON(request(tt.body, tt.ct), &dst, tt.opts...)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("DecodeJSON: %v %+v", err, Fields(err))
				}
				return
			}
			var ce *apierr.ConditionError
			if !errors.As(err, &ce) {
				t.Fatalf("DecodeJSON = %v (%T), want a ConditionError", err, err)
			}
			if ce.Condition != tt.want.cond || ce.Message != tt.want.msg {
				t.Errorf("got %v %q, want %v %q", ce.Condition, ce.Message, tt.want.cond, tt.want.msg)
			}
			if !reflect.DeepEqual(ce.Fields, tt.want.fields) {
				t.Errorf("fields:\n got %+v\nwant %+v", ce.Fields, tt.want.fields)
			}
			if !reflect.DeepEqual(ce.Details, tt.want.details) {
				t.Errorf("details = %+v, want %+v", ce.Details, tt.want.details)
			}
		})
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestDecodeJSONReadError(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/", io.NopCloser(failingReader{}))
	r.Header.Set("Content-Type", "application/json")
	r.ContentLength = -1
	var ce *apierr.ConditionError
	if err := DecodeJSON(r, &payoutReq{}); !errors.As(err, &ce) || ce.Condition != apierr.BadRequest || ce.Message != "" || !reflect.DeepEqual(ce.Details, reasonOf(ReasonUnreadable, jsonbody.ProblemUnread)) {
		t.Errorf("DecodeJSON = %v", err)
	}
	r = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(strings.Repeat(" ", 100)))
	r.Header.Set("Content-Type", "application/json")
	if err := DecodeJSON(r, &payoutReq{}, MaxBytes(10)); !errors.As(err, &ce) || ce.Condition != apierr.TooLarge {
		t.Errorf("declared length over the limit: %v", err)
	}
}

func TestDecode(t *testing.T) {
	var dst payoutReq
	if err := Decode([]byte(validPayout), &dst); err != nil || dst.Payee.Name != "Ana" {
		t.Fatalf("Decode = %v, %+v", err, dst)
	}
	if err := Decode([]byte(validPayout), &dst, MaxBytes(10)); Fields(err) != nil || err.(*apierr.ConditionError).Condition != apierr.TooLarge {
		t.Errorf("Decode over the limit = %v", err)
	}
	if err := Decode([]byte(`{}`), &payoutReq{}, MaxDepth(0)); err.(*apierr.ConditionError).Condition != apierr.Validation {
		t.Errorf("Decode of an empty object = %v", err)
	}
}

// TestDecodeJSONRendered renders a decode failure in the Nexpay v2 contract.
func TestDecodeJSONRendered(t *testing.T) {
	restore := apierr.SetClock(func() time.Time { return time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC) })
	defer restore()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req payoutReq
		if err := DecodeJSON(r, &req); err != nil {
			var ce *apierr.ConditionError
			errors.As(err, &ce)
			apierr.Render(w, r, apierr.Nexpay, ce.In(apierr.Nexpay))
			return
		}
		w.WriteHeader(http.StatusCreated)
	})
	srv := httptest.NewServer(h)
	defer srv.Close()
	res, err := http.Post(srv.URL, "application/json", strings.NewReader(`{"amount":"-1","currency":"BRL","payee":{"name":"Ana","iban":"GB29NWBK60161331926819"}}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	want := `{"statusCode":400,"code":"[GEN9002]","message":"[GEN9002] Bad request","timestamp":"2026-01-15T10:30:00.000Z","details":{"fields":[{"field":"amount","rule":"amount","param":"2","message":"amount must be a positive decimal string"}]}}`
	if res.StatusCode != 400 || strings.TrimSpace(string(body)) != want {
		t.Errorf("got %d %s\nwant 400 %s", res.StatusCode, body, want)
	}
	if !json.Valid(body) {
		t.Error("body is not JSON")
	}
}

// reasonOf is the details of a body that is not one JSON value.
func reasonOf(reason, problem string, more ...apierr.Detail) []apierr.Detail {
	return append([]apierr.Detail{{Key: "reason", Value: reason}, {Key: "problem", Value: problem}}, more...)
}
