package apierr_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// Every code renders and parses back to the same error.
func TestRoundTripEveryCode(t *testing.T) {
	for _, code := range apierr.Nexpay.Catalogue().Codes() {
		e := apierr.New(code).At(pinned).With("id", "pay_1").With("amount", json.Number("5000.00"))
		rec := httptest.NewRecorder()
		_ = apierr.Render(rec, nil, apierr.Nexpay, e)
		back, err := apierr.ParseResponse(rec.Result())
		if err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		if back.Code() != code || back.Status() != code.Status() || back.Message() != e.Message() || !back.Time().Equal(pinned) {
			t.Errorf("%s: parsed %v %d %q %v", code, back.Code(), back.Status(), back.Message(), back.Time())
		}
		if !reflect.DeepEqual(back.Details(), e.Details()) {
			t.Errorf("%s: details %#v", code, back.Details())
		}
		if !errors.Is(back, code) {
			t.Errorf("%s: errors.Is on the parsed error failed", code)
		}
	}
}

func TestParseKeepsWhatItCannotPlace(t *testing.T) {
	body := `{"statusCode":409,"code":"[PAY0999]","message":"[PAY0999] Payment frozen","timestamp":"2026-01-15T10:30:00.000Z","details":{"z":1.50,"a":{"b":[1,2]},"fields":[{"field":"amount","rule":"gt","param":"0","message":"amount must be greater than 0"}]}}`
	e, err := apierr.Parse(409, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if e.Code() != 0 || e.ID() != "PAY0999" || e.Status() != 409 || e.Message() != "[PAY0999] Payment frozen" {
		t.Errorf("unknown code: %q %d %q", e.ID(), e.Status(), e.Message())
	}
	if z, _ := e.Detail("z"); z != json.Number("1.50") {
		t.Errorf("number not kept exactly: %#v", z)
	}
	if len(e.Fields()) != 1 || e.Fields()[0].Param != "0" {
		t.Errorf("fields %+v", e.Fields())
	}
	again, _ := json.Marshal(e)
	if string(again) != strings.Replace(body, `"a":{"b":[1,2]}`, `"a":{"b":[1,2]}`, 1) {
		t.Errorf("re-rendered\n got %s\nwant %s", again, body)
	}
	same, _ := apierr.Parse(409, []byte(body))
	if !errors.Is(e, same) || errors.Is(e, apierr.PAY0001) {
		t.Error("errors.Is between parsed unknown codes")
	}
	custom, _ := apierr.Parse(404, []byte(`{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment 42 not found"}`))
	if custom.Code() != apierr.PAY0001 || custom.Text() != "Payment 42 not found" {
		t.Errorf("custom message: %v %q", custom.Code(), custom.Text())
	}
}

func TestParseRefusesForeignBodies(t *testing.T) {
	for name, tc := range map[string]struct {
		status int
		body   string
	}{
		"html":        {502, "<html><body>Bad Gateway</body></html>"},
		"empty":       {500, ""},
		"spaces":      {500, "  \n"},
		"truncated":   {404, `{"statusCode":404,"code":"[PAY0001]","mess`},
		"array":       {400, `[1,2]`},
		"no code":     {400, `{"message":"x"}`},
		"bare code":   {404, `{"code":"PAY0001","message":"x"}`},
		"short code":  {404, `{"code":"[0]","message":"x"}`},
		"lower code":  {404, `{"code":"[pay0001]","message":"x"}`},
		"code number": {404, `{"code":1,"message":"x"}`},
		"bad time":    {404, `{"code":"[PAY0001]","message":"x","timestamp":"yesterday"}`},
		"details arr": {404, `{"code":"[PAY0001]","message":"x","details":[1]}`},
		"success":     {200, `{"code":"[PAY0001]","message":"x"}`},
		"no status":   {0, `{"code":"[PAY0001]","message":"x"}`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := apierr.Parse(tc.status, []byte(tc.body))
			var pe *apierr.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *ParseError", err)
			}
			if pe.Status != tc.status || !strings.HasPrefix(tc.body, string(pe.Body)) || !strings.Contains(pe.Error(), "not a nexpay error body") {
				t.Errorf("ParseError %+v", pe)
			}
		})
	}
	long := strings.Repeat("<p>", 1000)
	_, err := apierr.Parse(502, []byte(long))
	var pe *apierr.ParseError
	if !errors.As(err, &pe) || len(pe.Body) != 256 {
		t.Errorf("first bytes not kept: %v", err)
	}
}

func TestParseResponseTooLarge(t *testing.T) {
	resp := &http.Response{StatusCode: 500, Body: io.NopCloser(strings.NewReader(strings.Repeat(" ", apierr.MaxParseBody+1)))}
	if _, err := apierr.ParseResponse(resp); err == nil {
		t.Error("an oversized body was parsed")
	}
}

func TestUnmarshalJSON(t *testing.T) {
	var e apierr.Error
	if err := json.Unmarshal([]byte(`{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}`), &e); err != nil {
		t.Fatal(err)
	}
	if e.Code() != apierr.PAY0001 {
		t.Errorf("code %v", e.Code())
	}
}
