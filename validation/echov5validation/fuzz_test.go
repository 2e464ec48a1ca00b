package echov5validation

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/validation"
	"github.com/labstack/echo/v5"
)

func FuzzBinder(f *testing.F) {
	for _, s := range []string{
		`{"amount":"5000.00","iban":"GB29NWBK60161331926819"}`, `{"amount":5000,"iban":1}`, `{"amount":`, "",
		"amount=1&iban=x", "<a>1</a>", `[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`,
	} {
		for _, ct := range []string{"application/json", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x", ""} {
			f.Add(s, ct, "7", "limit=1", http.MethodPost)
		}
	}
	f.Add("", "", "x", "limit=x&limit=y", http.MethodGet)
	f.Fuzz(func(t *testing.T, body, contentType, shop, query, method string) {
		switch method {
		case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodHead:
		default:
			method = http.MethodPost
		}
		e := echo.New()
		r := httptest.NewRequest(method, "/", bytes.NewReader([]byte(body)))
		r.URL.RawQuery = query
		r.Header.Set(echo.HeaderContentType, contentType)
		c := e.NewContext(r, httptest.NewRecorder())
		c.SetPathValues(echo.PathValues{{Name: "shop", Value: shop}})
		b := &Binder{Decode: []validation.DecodeOption{validation.MaxBytes(4096)}, Validator: validation.New()}
		err := b.Bind(c, &payoutReq{})
		if err == nil {
			return
		}
		var ce *apierr.ConditionError
		if !errors.As(err, &ce) {
			t.Fatalf("error %v (%T) is not a ConditionError", err, err)
		}
		if st := ce.In(apierr.Nexpay).Status(); st >= 500 {
			t.Fatalf("condition %v answers %d: %v", ce.Condition, st, err)
		}
	})
}
