package validation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
)

type decodeTarget struct {
	Amount string            `json:"amount"`
	Count  int8              `json:"count"`
	Items  []struct{ N int } `json:"items"`
	Payee  struct {
		IBAN string `json:"iban"`
	} `json:"payee"`
}

func decodeStrict(body string) error {
	var v decodeTarget
	d := json.NewDecoder(strings.NewReader(body))
	d.DisallowUnknownFields()
	return d.Decode(&v)
}

func TestDecodeError(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		cond  apierr.Condition
		why   string // the detail "reason"
		field apierr.FieldError
		off   any
	}{
		{"empty", "", apierr.BadRequest, ReasonEmpty, apierr.FieldError{}, nil},
		{"truncated", `{"amount":`, apierr.BadRequest, ReasonTruncated, apierr.FieldError{}, nil},
		{"malformed", `{"amount" 1}`, apierr.BadRequest, ReasonMalformed, apierr.FieldError{}, int64(10)},
		{"deep", strings.Repeat("[", 10001), apierr.BadRequest, ReasonTooDeep, apierr.FieldError{}, int64(10000)},
		{"string", `{"amount":5}`, apierr.BadRequest, "", apierr.FieldError{Field: "amount", Rule: "type", Param: "string", Message: "amount must be a string"}, nil},
		{"nested", `{"payee":{"iban":true}}`, apierr.BadRequest, "", apierr.FieldError{Field: "payee.iban", Rule: "type", Param: "string", Message: "payee.iban must be a string"}, nil},
		{"integer", `{"count":1.5}`, apierr.BadRequest, "", apierr.FieldError{Field: "count", Rule: "type", Param: "integer", Message: "count must be an integer"}, nil},
		{"range", `{"count":300}`, apierr.BadRequest, "", apierr.FieldError{Field: "count", Rule: "type", Param: "integer", Message: "count is out of range for an integer field"}, nil},
		{"array", `{"items":{}}`, apierr.BadRequest, "", apierr.FieldError{Field: "items", Rule: "type", Param: "array", Message: "items must be an array"}, nil},
		{"root", `[1]`, apierr.BadRequest, "", apierr.FieldError{Field: "", Rule: "type", Param: "object", Message: "request body must be an object"}, nil},
		{"unknown", `{"amount":"1","extra":1}`, apierr.BadRequest, "", apierr.FieldError{Field: "extra", Rule: "unknown", Message: "extra is not a known field"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := decodeStrict(tt.body)
			ce := DecodeError(err)
			if ce == nil {
				t.Fatalf("DecodeError(%v) = nil", err)
			}
			if ce.Condition != tt.cond || ce.Message != "" {
				t.Errorf("got %v %q, want %v and the code's message", ce.Condition, ce.Message, tt.cond)
			}
			if tt.why != "" && (len(ce.Details) < 2 || ce.Details[0] != (apierr.Detail{Key: "reason", Value: tt.why}) || ce.Details[1].Key != "problem") {
				t.Errorf("details = %+v, want the reason %q and a problem", ce.Details, tt.why)
			}
			if ce.Cause != err {
				t.Errorf("cause = %v, want %v", ce.Cause, err)
			}
			if tt.field != (apierr.FieldError{}) {
				if len(ce.Fields) != 1 || ce.Fields[0] != tt.field {
					t.Errorf("fields = %+v, want %+v", ce.Fields, tt.field)
				}
			} else if len(ce.Fields) != 0 {
				t.Errorf("fields = %+v, want none", ce.Fields)
			}
			if tt.off != nil {
				if len(ce.Details) != 3 || ce.Details[2].Key != "offset" || ce.Details[2].Value != tt.off {
					t.Errorf("details = %+v, want offset %v", ce.Details, tt.off)
				}
			}
		})
	}
}

func TestDecodeErrorOther(t *testing.T) {
	if DecodeError(nil) != nil {
		t.Error("DecodeError(nil) != nil")
	}
	rec := httptest.NewRecorder()
	body := http.MaxBytesReader(rec, io.NopCloser(bytes.NewReader(make([]byte, 100))), 10)
	_, err := io.ReadAll(body)
	ce := DecodeError(fmt.Errorf("reading: %w", err))
	if ce.Condition != apierr.TooLarge || len(ce.Details) != 1 || ce.Details[0].Value != int64(10) {
		t.Errorf("max bytes: %+v", ce)
	}
	if ce := DecodeError(errors.New("boom")); ce.Condition != apierr.BadRequest || ce.Message != "" || ce.Details[0].Value != ReasonUnreadable {
		t.Errorf("other: %+v", ce)
	}
	if ce := DecodeError(&json.InvalidUnmarshalError{Type: reflect.TypeFor[int]()}); ce.Condition != apierr.Internal {
		t.Errorf("non-pointer destination: %+v", ce)
	}
	in := apierr.NewCondition(apierr.TooLarge)
	if DecodeError(in) != in {
		t.Error("a ConditionError is not returned as is")
	}
}

func ExampleDecodeError() {
	var v struct {
		Amount string `json:"amount"`
	}
	err := json.Unmarshal([]byte(`{"amount":5000}`), &v)
	ce := DecodeError(err)
	fmt.Println(ce.Condition, ce.Fields[0].Field, ce.Fields[0].Message)
	// Output: bad_request amount amount must be a string
}
