package validation

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	payoutapi "github.com/errkit/errkit/apierr/payout"
	"github.com/go-playground/validator/v10"
)

func TestCapFields(t *testing.T) {
	fields := make([]apierr.FieldError, 60)
	got := capFields(fields, 5)
	if len(got) != MaxFieldErrors+1 {
		t.Fatalf("%d fields", len(got))
	}
	want := apierr.FieldError{Rule: RuleTruncated, Param: "15", Message: "and 15 more problems were not listed"}
	if got[MaxFieldErrors] != want {
		t.Errorf("last = %+v, want %+v", got[MaxFieldErrors], want)
	}
	if got := capFields(fields[:MaxFieldErrors], 1); got[MaxFieldErrors].Message != "and 1 more problem was not listed" {
		t.Errorf("one more: %+v", got[MaxFieldErrors])
	}
	if got := capFields(fields[:3], 0); len(got) != 3 {
		t.Errorf("short list changed: %d", len(got))
	}
}

// TestFieldLimits checks that no body makes a long list or a long path:
// the type walk, unknown fields and validator/v10's failures are cut at
// MaxFieldErrors, with a last entry counting the others.
func TestFieldLimits(t *testing.T) {
	long := strings.Repeat("A", 200000)
	badItems := strings.Repeat(`{"amount":"x"},`, 2000) + `{"amount":"1"}`
	typeItems := strings.Repeat(`{"amount":1},`, 2000) + `{"amount":"1"}`
	var unknown strings.Builder
	for i := range 300 {
		fmt.Fprintf(&unknown, `"k%d":1,`, i)
	}
	tests := []struct {
		name   string
		body   string
		strict bool
		cond   apierr.Condition
		n      int    // fields listed, the truncation entry included
		more   string // the truncation entry's param
		first  string // the first field's path
	}{
		{"validator", `{"amount":"1.00","currency":"EUR","payee":{"name":"a","iban":"GB29NWBK60161331926819"},"items":[` + badItems + `]}`, false, apierr.Validation, MaxFieldErrors + 1, "1950", "items[0].amount"},
		{"types", `{"amount":"1.00","currency":"EUR","payee":{"name":"a","iban":"GB29NWBK60161331926819"},"items":[` + typeItems + `]}`, false, apierr.BadRequest, MaxFieldErrors + 1, "1950", "items[0].amount"},
		{"unknown", `{` + unknown.String() + `"amount":"1.00","currency":"EUR","payee":{"name":"a","iban":"GB29NWBK60161331926819"}}`, true, apierr.BadRequest, MaxFieldErrors + 1, "250", "k0"},
		{"long unknown key", `{"amount":"1.00","currency":"EUR","payee":{"name":"a","iban":"GB29NWBK60161331926819"},"` + long + `":1}`, true, apierr.BadRequest, 1, "", strings.Repeat("A", MaxKeyBytes) + "…"},
		{"long map key", `{"amount":"1.00","currency":"EUR","payee":{"name":"a","iban":"GB29NWBK60161331926819"},"meta":{"` + long + `":"s"}}`, false, apierr.BadRequest, 1, "", "meta[" + strings.Repeat("A", MaxKeyBytes) + "…]"},
		{"exactly the limit", `{"amount":"1.00","currency":"EUR","payee":{"name":"a","iban":"GB29NWBK60161331926819"},"items":[` + strings.Repeat(`{"amount":"x"},`, MaxFieldErrors-1) + `{"amount":"x"}]}`, false, apierr.Validation, MaxFieldErrors, "", "items[0].amount"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := []DecodeOption{MaxBytes(1 << 20)}
			if tt.strict {
				opts = append(opts, DisallowUnknownFields())
			}
			err := DecodeJSON(request(tt.body, "application/json"), &payoutReq{}, opts...)
			ce := DecodeError(err)
			if ce == nil || ce.Condition != tt.cond {
				t.Fatalf("DecodeJSON = %v, want %v", err, tt.cond)
			}
			if len(ce.Fields) != tt.n {
				t.Fatalf("%d fields, want %d", len(ce.Fields), tt.n)
			}
			if ce.Fields[0].Field != tt.first {
				t.Errorf("first field %.80q, want %.80q", ce.Fields[0].Field, tt.first)
			}
			last := ce.Fields[len(ce.Fields)-1]
			if tt.more != "" && (last.Rule != RuleTruncated || last.Param != tt.more || last.Message != "and "+tt.more+" more problems were not listed") {
				t.Errorf("last field %+v, want %s more", last, tt.more)
			}
			if tt.more == "" && last.Rule == RuleTruncated {
				t.Errorf("truncated without cause: %+v", last)
			}
			// Every contract renders the list in a small body.
			for _, c := range []apierr.Contract{apierr.Nexpay, payoutapi.Contract} {
				rec := httptest.NewRecorder()
				apierr.Render(rec, httptest.NewRequest(http.MethodPost, "/", nil), c, ce.In(c))
				if rec.Body.Len() > 16<<10 {
					t.Errorf("%s: %d-byte body", c.Name(), rec.Body.Len())
				}
				if tt.more != "" && !strings.Contains(rec.Body.String(), "more problems were not listed") {
					t.Errorf("%s: the cut is not said: %.300s", c.Name(), rec.Body.String())
				}
			}
		})
	}
}

func TestFieldsLimit(t *testing.T) {
	type one struct {
		Name string `validate:"required"`
	}
	type many struct {
		Items []one `validate:"dive"`
	}
	v := many{Items: make([]one, 70)}
	err := validator.New().Struct(v)
	fs := Fields(err)
	if len(fs) != MaxFieldErrors+1 || fs[MaxFieldErrors].Param != strconv.Itoa(70-MaxFieldErrors) {
		t.Errorf("Fields: %d fields, last %+v", len(fs), fs[len(fs)-1])
	}
}
