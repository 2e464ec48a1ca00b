package ginvalidation_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/ginmw"
	"github.com/errkit/errkit/validation"
	"github.com/errkit/errkit/validation/ginvalidation"
	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
)

func init() { gin.SetMode(gin.ReleaseMode) }

type item struct {
	Amount string `json:"amount" binding:"required,amount=2"`
}

type order struct {
	Currency string `json:"currency" binding:"required,iso4217"`
	Items    []item `json:"items" binding:"required,min=1,dive"`
	Note     string `json:"note,omitempty" binding:"omitempty,max=8"`
}

// install puts ginvalidation in gin's package variables for the test.
func install(t *testing.T, v *ginvalidation.Validator, opts ...validation.DecodeOption) {
	t.Helper()
	oldV, oldJSON := binding.Validator, binding.JSON
	t.Cleanup(func() { binding.Validator, binding.JSON = oldV, oldJSON })
	ginvalidation.Install(v, opts...)
}

func quiet() middleware.Option {
	return middleware.WithLogger(slog.New(slog.DiscardHandler))
}

// TestSameFieldsAsNetHTTP sends the same bodies to a gin route binding with
// c.ShouldBindJSON and to a net/http route decoding with
// validation.DecodeJSON: both must answer byte for byte alike.
func TestSameFieldsAsNetHTTP(t *testing.T) {
	defer apierr.SetClock(func() time.Time { return time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC) })()
	v := ginvalidation.New()
	install(t, v, validation.MaxBytes(256))

	e := gin.New()
	ginmw.Install(e, quiet())
	e.POST("/orders", ginmw.Handler(func(c *gin.Context) error {
		var o order
		if err := c.ShouldBindJSON(&o); err != nil {
			return err
		}
		c.Status(http.StatusNoContent)
		return nil
	}))
	mux := http.NewServeMux()
	mux.Handle("POST /orders", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		var o order
		if err := validation.DecodeJSON(r, &o, validation.MaxBytes(256), validation.WithValidator(v.V)); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}))
	ref := middleware.Wrap(mux, quiet())

	cases := []struct {
		name, body, ctype string
		status            int
		contains          string
	}{
		{"valid", `{"currency":"EUR","items":[{"amount":"1.00"}]}`, "application/json", 204, ""},
		{"item paths", `{"currency":"EURO","items":[{"amount":"1.00"},{"amount":"-1"}],"note":"far too long"}`, "application/json", 400, `"field":"items[1].amount"`},
		{"missing", `{}`, "application/json", 400, `"field":"items"`},
		{"types", `{"currency":1,"items":[{"amount":5}]}`, "application/json", 400, `"field":"items[0].amount"`},
		// A type mismatch and a rule failure, answered together.
		{"type and rule", `{"items":[{"amount":5}]}`, "application/json", 400, `"field":"currency"`},
		{"malformed", `{"currency":`, "application/json", 400, `"reason":`},
		{"empty", ``, "application/json", 400, `"reason":`},
		{"too deep", strings.Repeat("[", 100), "application/json", 400, `"reason":`},
		{"too large", `{"note":"` + strings.Repeat("x", 300) + `"}`, "application/json", 413, "[GEN9413]"},
		{"not json", `{"currency":"EUR"}`, "text/plain", 415, "[GEN9415]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got [2]*httptest.ResponseRecorder
			for i, h := range []http.Handler{e, ref} {
				req := httptest.NewRequest("POST", "/orders", strings.NewReader(tc.body))
				req.Header.Set("Content-Type", tc.ctype)
				req.Header.Set("X-Request-Id", "req-1")
				got[i] = httptest.NewRecorder()
				h.ServeHTTP(got[i], req)
			}
			g, n := got[0], got[1]
			if g.Code != tc.status || !strings.Contains(g.Body.String(), tc.contains) {
				t.Errorf("gin: %d %s, want %d with %s", g.Code, g.Body, tc.status, tc.contains)
			}
			if g.Code != n.Code || g.Body.String() != n.Body.String() {
				t.Errorf("doors differ:\n gin %d %s\nmux %d %s", g.Code, g.Body, n.Code, n.Body)
			}
		})
	}
}

// Without Install, gin's own binding and validator still fail inside the
// contract: malformed JSON and validator/v10's errors are 400s, never 500s.
func TestGinDefaults(t *testing.T) {
	type order struct { // gin's validator knows no payment rules
		Currency string `json:"currency" binding:"required,iso4217"`
		Items    []struct {
			Amount string `json:"amount" binding:"required,numeric"`
		} `json:"items" binding:"required,min=1,dive"`
	}
	e := gin.New()
	ginmw.Install(e, quiet())
	e.POST("/orders", ginmw.Handler(func(c *gin.Context) error {
		var o order
		return c.ShouldBindJSON(&o)
	}))
	e.POST("/bind", func(c *gin.Context) {
		var o order
		_ = c.BindJSON(&o) // gin's AbortWithError(400, err)
	})
	for _, tc := range []struct{ path, body, field string }{
		{"/orders", `{"currency":`, ""},
		{"/orders", `{"currency":"EURO","items":[{"amount":"x"}]}`, `"field":"Currency"`},
		{"/bind", `{"currency":"EURO"}`, `"field":"Currency"`},
		{"/bind", `nope`, ""},
	} {
		req := httptest.NewRequest("POST", tc.path, strings.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), `"code":"[GEN9002]"`) || !strings.Contains(rec.Body.String(), tc.field) {
			t.Errorf("%s %s: %d %s", tc.path, tc.body, rec.Code, rec.Body)
		}
	}
}

// With JSON as gin's JSON binding but gin's own validator, a body with a
// value of the wrong type still has its rules checked: the type error and
// the rule failures come in one answer, by JSON path, the mismatched field
// named once, as with a Validator.
func TestTypeErrorsWithGinValidator(t *testing.T) {
	type payment struct {
		Currency string `json:"currency" binding:"required,iso4217"`
		Items    []struct {
			Amount string `json:"amount" binding:"required,numeric"`
			Memo   string `json:"memo" binding:"max=4"`
		} `json:"items" binding:"required,min=1,dive"`
		Payee *struct {
			IBAN string `json:"iban" binding:"required"`
		} `json:"payee" binding:"required"`
	}
	oldV, oldJSON := binding.Validator, binding.JSON
	t.Cleanup(func() { binding.Validator, binding.JSON = oldV, oldJSON })
	binding.JSON = ginvalidation.JSON{}
	e := gin.New()
	ginmw.Install(e, quiet())
	e.POST("/bind", ginmw.Handler(func(c *gin.Context) error {
		var p payment
		return c.ShouldBindJSON(&p)
	}))
	e.POST("/body", ginmw.Handler(func(c *gin.Context) error {
		var p payment
		return c.ShouldBindBodyWith(&p, binding.JSON)
	}))
	want := `"fields":[` +
		`{"field":"items[0].amount","rule":"type","param":"string","message":"items[0].amount must be a string"},` +
		`{"field":"currency","rule":"required","message":"currency is required"},` +
		`{"field":"items[0].memo","rule":"max","param":"4","message":"items[0].memo must be at most 4 characters long"},` +
		`{"field":"payee.iban","rule":"required","message":"payee.iban is required"}]`
	for _, path := range []string{"/bind", "/body"} {
		req := httptest.NewRequest("POST", path, strings.NewReader(`{"items":[{"amount":5,"memo":"too long"}],"payee":{}}`))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s: %d %s\nwant %s", path, rec.Code, rec.Body, want)
		}
	}
}
