package openapi_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echomw"
	"github.com/errkit/errkit/openapi"
	"github.com/errkit/errkit/validation"
	"github.com/labstack/echo/v4"
)

// ordersSpec documents, in OpenAPI terms, the rules the order and item
// structs below write as validate tags.
const ordersSpec = `openapi: 3.1.0
info: {title: Orders, version: 1.0.0}
paths:
  /v2/orders:
    post:
      x-errkit-codes: [PAY0003]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [reference, items]
              properties:
                reference: {type: string, minLength: 1, maxLength: 10}
                items:
                  type: array
                  minItems: 1
                  maxItems: 3
                  items:
                    type: object
                    required: [amount]
                    properties:
                      amount: {type: string, minLength: 1, maxLength: 12}
                      currency: {type: string, enum: [EUR, USD]}
                      quantity: {type: integer, minimum: 1, maximum: 99}
      responses:
        "201":
          description: Created.
          headers:
            X-Request-Id: {schema: {type: string}}
          content:
            application/json:
              schema:
                type: object
                required: [id]
                properties:
                  id: {type: string}
  /v2/orders/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
      responses:
        "200":
          description: The order.
          content:
            application/json:
              schema: {type: object}
`

type item struct {
	Amount   string `json:"amount" validate:"required,min=1,max=12"`
	Currency string `json:"currency,omitempty" validate:"omitempty,oneof=EUR USD"`
	Quantity int    `json:"quantity,omitempty" validate:"omitempty,min=1,max=99"`
}

type order struct {
	Reference string `json:"reference" validate:"required,min=1,max=10"`
	Items     []item `json:"items" validate:"required,min=1,max=3,dive"`
}

func ordersDoc(t testing.TB, version string) *openapi.Validator {
	t.Helper()
	doc, err := openapi.Load([]byte(strings.Replace(ordersSpec, "openapi: 3.1.0", "openapi: "+version, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if err := openapi.Merge(doc, apierr.Nexpay); err != nil {
		t.Fatal(err)
	}
	v, err := openapi.NewValidator(doc, openapi.MaxBody(512), openapi.OutsideOperations(apierr.Nexpay))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// created answers a valid order.
func created(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_, _ = w.Write([]byte(`{"id":"o1"}`))
}

// servers are three real servers that take orders: one checks them with
// the validation package in the handler, the others with the document in
// front of a handler that checks nothing, on net/http and on echo.
func servers(t *testing.T, v *openapi.Validator) (tags, docHTTP, docEcho string) {
	val := validation.New()
	mux := http.NewServeMux()
	mux.Handle("POST /v2/orders", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		var o order
		if err := validation.DecodeJSON(r, &o, validation.MaxBytes(512), validation.WithValidator(val)); err != nil {
			return err
		}
		created(w)
		return nil
	}))
	a := httptest.NewServer(middleware.Wrap(mux))
	t.Cleanup(a.Close)

	mux2 := http.NewServeMux()
	mux2.Handle("POST /v2/orders", v.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			t.Error("the body was not put back:", err)
		}
		created(w)
	})))
	b := httptest.NewServer(middleware.Wrap(mux2))
	t.Cleanup(b.Close)

	e := echo.New()
	echomw.Install(e)
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if err := v.CheckRequest(c.Request()); err != nil {
				return err
			}
			return next(c)
		}
	})
	e.POST("/v2/orders", func(c echo.Context) error {
		created(c.Response())
		return nil
	})
	e.GET("/v2/orders/:id", func(c echo.Context) error { return c.JSON(200, map[string]any{}) })
	ec := httptest.NewServer(e)
	t.Cleanup(ec.Close)
	return a.URL, b.URL, ec.URL
}

type answer struct {
	status int
	body   map[string]any
}

func send(t *testing.T, method, url, ct, body string) answer {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatal(err)
	}
	delete(m, "timestamp")
	return answer{resp.StatusCode, m}
}

// fieldSet is details.fields as a sorted list of JSON objects: the two
// checkers need not list the fields in the same order.
func fieldSet(a answer) []string {
	d, _ := a.body["details"].(map[string]any)
	list, _ := d["fields"].([]any)
	var out []string
	for _, f := range list {
		b, _ := json.Marshal(f)
		out = append(out, string(b))
	}
	slices.Sort(out)
	return out
}

// TestCheckRequestAsValidation sends the same requests to a server that
// validates with struct tags and to servers that validate with the
// document: each failure must be answered alike, field list included.
func TestCheckRequestAsValidation(t *testing.T) {
	for _, version := range []string{"3.1.0", "3.0.3"} {
		t.Run(version, func(t *testing.T) { checkAsValidation(t, ordersDoc(t, version)) })
	}
}

func checkAsValidation(t *testing.T, v *openapi.Validator) {
	tags, docHTTP, docEcho := servers(t, v)
	for _, tt := range []struct {
		name, ct, body string
		status         int
	}{
		{"valid", "application/json", `{"reference":"R1","items":[{"amount":"1.00","currency":"EUR","quantity":2}]}`, 201},
		{"fields", "application/json", `{"reference":"ABCDEFGHIJKL","items":[{"currency":"BRL","quantity":100},{"amount":""}]}`, 400},
		{"missing", "application/json", `{}`, 400},
		{"empty list", "application/json", `{"reference":"R","items":[]}`, 400},
		{"too many items", "application/json", `{"reference":"R","items":[{"amount":"1"},{"amount":"1"},{"amount":"1"},{"amount":"1"}]}`, 400},
		{"wrong type", "application/json", `{"reference":5,"items":[{"amount":"1"}]}`, 400},
		{"nested wrong type", "application/json", `{"reference":"R","items":[{"amount":1}]}`, 400},
		{"not JSON", "application/json", `{"reference":`, 400},
		{"empty body", "application/json", ``, 400},
		{"too large", "application/json", `{"reference":"` + strings.Repeat("a", 600) + `"}`, 413},
		{"not JSON media type", "text/plain", `{}`, 415},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := send(t, "POST", tags+"/v2/orders", tt.ct, tt.body)
			if want.status != tt.status {
				t.Fatalf("the tags server answered %d %v, want %d", want.status, want.body, tt.status)
			}
			for door, url := range map[string]string{"net/http": docHTTP, "echo": docEcho} {
				got := send(t, "POST", url+"/v2/orders", tt.ct, tt.body)
				if got.status != want.status || got.body["code"] != want.body["code"] {
					t.Errorf("%s: %d %v, the tags server %d %v", door, got.status, got.body, want.status, want.body)
					continue
				}
				if g, w := fieldSet(got), fieldSet(want); !slices.Equal(g, w) {
					t.Errorf("%s: fields\n%v\nthe tags server's\n%v", door, g, w)
				}
				if tt.status != 201 && tt.status != 415 {
					gd, _ := json.Marshal(got.body["details"])
					wd, _ := json.Marshal(want.body["details"])
					if g, w := string(gd), string(wd); len(fieldSet(want)) == 0 && g != w {
						t.Errorf("%s: details %s, the tags server's %s", door, g, w)
					}
				}
			}
		})
	}
}

func TestCheckRequestParameters(t *testing.T) {
	for _, version := range []string{"3.1.0", "3.0.3"} {
		t.Run(version, func(t *testing.T) { checkParameters(t, ordersDoc(t, version)) })
	}
}

func checkParameters(t *testing.T, v *openapi.Validator) {
	for _, tt := range []struct {
		query string
		cond  apierr.Condition
		field apierr.FieldError
	}{
		{"limit=abc", apierr.BadRequest, apierr.FieldError{Field: "limit", In: "query", Rule: "type", Param: "integer", Message: "query parameter limit must be an integer"}},
		{"limit=500", apierr.Validation, apierr.FieldError{Field: "limit", In: "query", Rule: "max", Param: "100", Message: "query parameter limit must be at most 100"}},
		{"limit=0", apierr.Validation, apierr.FieldError{Field: "limit", In: "query", Rule: "min", Param: "1", Message: "query parameter limit must be at least 1"}},
	} {
		r := httptest.NewRequest("GET", "/v2/orders/o1?"+tt.query, nil)
		err := v.CheckRequest(r)
		ce, ok := err.(*apierr.ConditionError)
		if !ok {
			t.Errorf("%s: error %v", tt.query, err)
			continue
		}
		if ce.Condition != tt.cond || len(ce.Fields) != 1 || ce.Fields[0] != tt.field {
			t.Errorf("%s: %s %+v, want %s %+v", tt.query, ce.Condition, ce.Fields, tt.cond, tt.field)
		}
	}
	if err := v.CheckRequest(httptest.NewRequest("GET", "/v2/orders/o1?limit=5", nil)); err != nil {
		t.Errorf("a valid request: %v", err)
	}
	// Requests for no operation are the router's to answer.
	for _, r := range []*http.Request{httptest.NewRequest("GET", "/v2/refunds", nil), httptest.NewRequest("DELETE", "/v2/orders", nil)} {
		if err := v.CheckRequest(r); err != nil {
			t.Errorf("%s %s: %v", r.Method, r.URL.Path, err)
		}
	}
}

func TestCheckResponse(t *testing.T) {
	v := ordersDoc(t, "3.1.0")
	post := func() *http.Request {
		return httptest.NewRequest("POST", "/v2/orders", strings.NewReader(`{}`))
	}
	json := http.Header{"Content-Type": {"application/json"}}
	errorHeader := http.Header{"Content-Type": {apierr.Nexpay.ContentType()}, "X-Request-Id": {"abc"}, "Cache-Control": {"no-store"}}
	conflict := `{"statusCode":409,"code":"[PAY0003]","message":"[PAY0003] Duplicate payment detected","timestamp":"2026-01-15T10:30:00.000Z"}`
	for _, tt := range []struct {
		name   string
		req    *http.Request
		status int
		header http.Header
		body   string
		fails  string
	}{
		{"created", post(), 201, http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"abc"}}, `{"id":"o1"}`, ""},
		{"documented error", post(), 409, errorHeader, conflict, ""},
		{"undocumented status", post(), 404, errorHeader, conflict, "status 404 is not documented"},
		{"undocumented header", post(), 201, http.Header{"Content-Type": {"application/json"}, "X-Debug": {"1"}}, `{"id":"o1"}`, "header X-Debug is not documented"},
		{"bad header value", post(), 429, http.Header{"Content-Type": {apierr.Nexpay.ContentType()}, "X-Request-Id": {"abc"}, "Retry-After": {"soon"}},
			`{"statusCode":429,"code":"[GEN9429]","message":"[GEN9429] Too many requests","timestamp":"2026-01-15T10:30:00.000Z"}`, "Retry-After"},
		{"body against schema", post(), 201, json, `{"name":"o1"}`, "doesn't match schema"},
		{"error body against schema", post(), 409, errorHeader, `{"code":"PAY0003"}`, "doesn't match schema"},
		{"wrong content type", post(), 201, http.Header{"Content-Type": {"text/plain"}}, `{"id":"o1"}`, "text/plain"},
		{"unknown route", httptest.NewRequest("GET", "/nope", nil), 404, errorHeader,
			`{"statusCode":404,"code":"[GEN9404]","message":"[GEN9404] Route not found","timestamp":"2026-01-15T10:30:00.000Z"}`, ""},
		{"unknown route, bad body", httptest.NewRequest("GET", "/nope", nil), 404, errorHeader, `{}`, "doesn't match schema"},
		{"HEAD", httptest.NewRequest("HEAD", "/v2/orders/o1", nil), 200, json, ``, ""},
		{"HEAD undocumented", httptest.NewRequest("HEAD", "/v2/orders/o1", nil), 302, json, ``, "status 302 is not documented"},
		// The 409 of POST /v2/orders lists PAY0003 only.
		{"unlisted code", post(), 409, errorHeader,
			`{"statusCode":409,"code":"[PYE0002]","message":"[PYE0002] Duplicate payee","timestamp":"2026-01-15T10:30:00.000Z"}`,
			"code PYE0002 is not among the codes the response lists (PAY0003)"},
		{"unregistered code", post(), 409, errorHeader,
			`{"statusCode":409,"code":"[PAY0999]","message":"[PAY0999] Something","timestamp":"2026-01-15T10:30:00.000Z"}`,
			"code PAY0999 is not among the codes the response lists (PAY0003)"},
		{"unknown route, any code of the status", httptest.NewRequest("GET", "/nope", nil), 400, errorHeader,
			`{"statusCode":400,"code":"[PYE0003]","message":"[PYE0003] Invalid payee details","timestamp":"2026-01-15T10:30:00.000Z"}`, ""},
		{"error without X-Request-Id", post(), 409, http.Header{"Content-Type": {apierr.Nexpay.ContentType()}}, conflict,
			`response header "X-Request-Id" missing`},
		{"route error without X-Request-Id", httptest.NewRequest("GET", "/nope", nil), 404, http.Header{"Content-Type": {apierr.Nexpay.ContentType()}},
			`{"statusCode":404,"code":"[GEN9404]","message":"[GEN9404] Route not found","timestamp":"2026-01-15T10:30:00.000Z"}`,
			`response header "X-Request-Id" missing`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := v.CheckResponse(tt.req, tt.status, tt.header, []byte(tt.body))
			switch {
			case tt.fails == "" && err != nil:
				t.Errorf("error %v", err)
			case tt.fails != "" && (err == nil || !strings.Contains(err.Error(), tt.fails)):
				t.Errorf("error %v, want one saying %q", err, tt.fails)
			}
		})
	}
}

// TestCheckResponseCodesNeedContract: without OutsideOperations the
// validator cannot read the contract's bodies, so the codes go unchecked;
// the required header still is.
func TestCheckResponseCodesNeedContract(t *testing.T) {
	doc, err := openapi.Load([]byte(ordersSpec))
	if err != nil {
		t.Fatal(err)
	}
	if err := openapi.Merge(doc, apierr.Nexpay); err != nil {
		t.Fatal(err)
	}
	v, err := openapi.NewValidator(doc)
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("POST", "/v2/orders", strings.NewReader(`{}`))
	dup := `{"statusCode":409,"code":"[PYE0002]","message":"[PYE0002] Duplicate payee","timestamp":"2026-01-15T10:30:00.000Z"}`
	h := http.Header{"Content-Type": {apierr.Nexpay.ContentType()}, "X-Request-Id": {"abc"}}
	if err := v.CheckResponse(r, 409, h, []byte(dup)); err != nil {
		t.Errorf("unchecked code: %v", err)
	}
	h.Del("X-Request-Id")
	if err := v.CheckResponse(r, 409, h, []byte(dup)); err == nil || !strings.Contains(err.Error(), `"X-Request-Id" missing`) {
		t.Errorf("without X-Request-Id: %v", err)
	}
}

// FuzzCheckRequest holds that any body and query either passes or fails
// with a condition, never a panic or another error.
func FuzzCheckRequest(f *testing.F) {
	for _, s := range []string{`{}`, `{"reference":"R","items":[{"amount":"1"}]}`, `{"items":[{"quantity":1e400}]}`, `[`, `null`, `{"reference":{"a":[1,2,{"b":null}]}}`} {
		f.Add(s, "limit=5")
	}
	v := ordersDoc(f, "3.1.0")
	f.Fuzz(func(t *testing.T, body, query string) {
		for _, r := range []*http.Request{
			httptest.NewRequest("POST", "/v2/orders", strings.NewReader(body)),
			httptest.NewRequest("GET", "/v2/orders/o1", nil),
		} {
			r.Header.Set("Content-Type", "application/json")
			r.URL.RawQuery = query
			if err := v.CheckRequest(r); err != nil {
				if _, ok := err.(*apierr.ConditionError); !ok {
					t.Fatalf("%T %v", err, err)
				}
			}
		}
	})
}

// TestValidatorConcurrent shares one Validator between goroutines, as a
// server does; run with -race.
func TestValidatorConcurrent(t *testing.T) {
	v := ordersDoc(t, "3.1.0")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 20 {
				body := `{"reference":"R","items":[{"amount":"1.00","quantity":` + strconv.Itoa(i*j) + `}]}`
				r := httptest.NewRequest("POST", "/v2/orders", strings.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				err := v.CheckRequest(r)
				if (i*j == 0 || i*j > 99) != (err != nil) {
					t.Errorf("quantity %d: %v", i*j, err)
				}
				h := http.Header{"Content-Type": {"application/json"}}
				if err := v.CheckResponse(r, 201, h, []byte(`{"id":"o`+strconv.Itoa(j)+`"}`)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
}

// TestCheckRequestBounds holds an answer to the bounds the validation
// package keeps: a hostile body cannot make a large one.
func TestCheckRequestBounds(t *testing.T) {
	doc, err := openapi.Load([]byte(`openapi: 3.1.0
info: {title: T, version: "1"}
paths:
  /things:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              properties:
                list: {type: array, items: {type: integer, maximum: 1}}
      responses:
        "204": {description: Done.}
`))
	if err != nil {
		t.Fatal(err)
	}
	v, err := openapi.NewValidator(doc)
	if err != nil {
		t.Fatal(err)
	}
	check := func(body string) *apierr.ConditionError {
		r := httptest.NewRequest("POST", "/things", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		ce, _ := v.CheckRequest(r).(*apierr.ConditionError)
		if ce == nil {
			t.Fatalf("%.40s...: passed", body)
		}
		return ce
	}
	long := strings.Repeat("k", 300)
	ce := check(`{"` + long + `":1}`)
	if len(ce.Fields) != 1 || ce.Fields[0].Rule != "unknown" || len(ce.Fields[0].Field) > 70 || !strings.HasSuffix(ce.Fields[0].Field, "…") {
		t.Errorf("a long unknown member: %+v", ce.Fields)
	}
	ce = check(`{"list":[` + strings.TrimSuffix(strings.Repeat("5,", 80), ",") + `]}`)
	last := ce.Fields[len(ce.Fields)-1]
	if len(ce.Fields) != validation.MaxFieldErrors+1 || last.Rule != validation.RuleTruncated || last.Param != "30" {
		t.Errorf("80 bad items: %d fields, the last %+v", len(ce.Fields), last)
	}
}
