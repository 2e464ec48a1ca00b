package openapi_test

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/openapi"
	"github.com/getkin/kin-openapi/openapi3"
)

// paymentsSpec is a team's own spec: each operation names the codes it can
// fail with, and one refers to a response the merge defines.
const paymentsSpec = `
openapi: 3.1.0
info: {title: Payments, version: 2.0.0}
security: [{apiKey: []}]
paths:
  /v2/payments:
    post:
      x-errkit-codes: [PAY0003]
      parameters: [{name: Idempotency-Key, in: header, schema: {type: string}}]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [amount, currency]
              properties:
                amount: {type: string, pattern: '^[0-9]+\.[0-9]{2}$'}
                currency: {type: string, enum: [EUR, USD]}
      responses:
        "201": {description: Created.}
  /v2/payments/{id}:
    get:
      x-errkit-codes: [PAY0001]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: The payment.}
        "503": {$ref: '#/components/responses/NexpayError503'}
components:
  securitySchemes:
    apiKey: {type: apiKey, in: header, name: Authorization}
`

func mergedPayments() *openapi3.T {
	doc, err := openapi.Load([]byte(paymentsSpec))
	if err != nil {
		log.Fatal(err)
	}
	if err := openapi.Merge(doc, apierr.Nexpay); err != nil {
		log.Fatal(err)
	}
	return doc
}

// Merge documents on every operation the codes of its x-errkit-codes and
// those of its kind: here the create takes a JSON body and an idempotency
// key, the read a path parameter, and both have security.
func ExampleMerge_operations() {
	doc := mergedPayments()
	for _, path := range []string{"/v2/payments", "/v2/payments/{id}"} {
		for method, op := range doc.Paths.Value(path).Operations() {
			keys := op.Responses.Keys()
			slices.Sort(keys)
			fmt.Println(method, path, keys)
		}
	}
	r := doc.Paths.Value("/v2/payments").Post.Responses.Value("409").Value
	fmt.Println(strings.ReplaceAll(*r.Description, "\n", " "))
	// Output:
	// POST /v2/payments [201 400 401 409 413 415 422 429 500 503]
	// GET /v2/payments/{id} [200 400 401 404 429 500 503]
	// Conflict. Codes:  - `PAY0003` Duplicate payment detected - `GEN9409` Request conflicts with another request (errkit extension)
}

func ExampleSetCodes() {
	doc := mergedPayments()
	op := doc.Paths.Value("/v2/payments/{id}").Get
	openapi.SetCodes(op, apierr.PAY0001, apierr.PAY0002)
	if err := openapi.Merge(doc, apierr.Nexpay); err != nil {
		log.Fatal(err)
	}
	fmt.Println(op.Extensions[openapi.CodesExtension])
	fmt.Println(op.Responses.Value("422") != nil)
	// Output:
	// [PAY0001 PAY0002]
	// true
}

// A server whose handlers return Nexpay v2 codes but which answers in
// NextAPI's contract documents the codes NextAPI sends in their place: its
// classifier's for a payment not found, else NextAPI's code for the status.
func ExampleWithRecode() {
	spec := strings.Replace(paymentsSpec, `"503": {$ref: '#/components/responses/NexpayError503'}`, "", 1)
	doc, err := openapi.Load([]byte(spec))
	if err != nil {
		log.Fatal(err)
	}
	recode := func(c apierr.Code) apierr.Code {
		if c == apierr.PAY0001 {
			return nextapi.Roles.ResourceNotFound
		}
		return 0
	}
	err = openapi.Merge(doc, nextapi.Contract,
		openapi.WithLookup(apierr.Nexpay.Catalogue().Lookup), // x-errkit-codes names Nexpay v2 codes
		openapi.WithRecode(recode))
	if err != nil {
		log.Fatal(err)
	}
	r := doc.Paths.Value("/v2/payments/{id}").Get.Responses.Value("404").Value
	fmt.Println(strings.ReplaceAll(*r.Description, "\n", " "))
	// Output:
	// Not Found. Codes:  - `RESOURCE_NOT_FOUND` Requested ID does not exist
}

func ExampleHandler() {
	h, err := openapi.Handler(mergedPayments())
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /openapi.json", h)
	mux.Handle("GET /openapi.yaml", h)
	srv := httptest.NewServer(middleware.Wrap(mux))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/openapi.yaml")
	if err != nil {
		log.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"), strings.SplitN(string(body), "\n", 2)[0])

	// A client that holds this version revalidates it for free.
	req, _ := http.NewRequest("GET", srv.URL+"/openapi.yaml", nil)
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode)
	// Output:
	// 200 application/yaml; charset=utf-8 openapi: 3.1.0
	// 304
}

func ExampleNewValidator() {
	v, err := openapi.NewValidator(mergedPayments(), openapi.MaxBody(64<<10), openapi.OutsideOperations(apierr.Nexpay))
	if err != nil {
		log.Fatal(err)
	}
	r := httptest.NewRequest("POST", "/v2/payments", strings.NewReader(`{"amount":"10","currency":"BRL"}`))
	r.Header.Set("Content-Type", "application/json")
	err = v.CheckRequest(r)
	ce := err.(*apierr.ConditionError)
	fmt.Println(ce.Condition)
	for _, f := range ce.Fields {
		fmt.Printf("%s %s: %s\n", f.Field, f.Rule, f.Message)
	}
	// Unordered output:
	// validation
	// amount pattern: amount must match the pattern ^[0-9]+\.[0-9]{2}$
	// currency oneof: currency must be one of: EUR USD
}

// Handler answers what the document refuses in the contract of the
// middleware around it, before the handler runs.
func ExampleValidator_Handler() {
	v, err := openapi.NewValidator(mergedPayments())
	if err != nil {
		log.Fatal(err)
	}
	create := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusCreated) })
	mux := http.NewServeMux()
	mux.Handle("POST /v2/payments", v.Handler(create))
	srv := httptest.NewServer(middleware.Wrap(mux))
	defer srv.Close()

	resp, err := http.Post(srv.URL+"/v2/payments", "application/json", strings.NewReader(`{"amount":5}`))
	if err != nil {
		log.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, strings.Contains(string(body), `"field":"amount","rule":"type","param":"string","message":"amount must be a string"`))
	// Output:
	// 400 true
}

// CheckResponse is for tests: it fails on what the document does not allow.
func ExampleValidator_CheckResponse() {
	v, err := openapi.NewValidator(mergedPayments(), openapi.OutsideOperations(apierr.Nexpay))
	if err != nil {
		log.Fatal(err)
	}
	r := httptest.NewRequest("GET", "/v2/payments/p1", nil)
	body, _ := apierr.AppendBody(nil, apierr.Nexpay, apierr.New(apierr.PAY0001), apierr.Meta{})
	h := http.Header{"Content-Type": {apierr.Nexpay.ContentType()}, "X-Request-Id": {"req-1"}}
	fmt.Println(v.CheckResponse(r, 404, h, body))
	fmt.Println(v.CheckResponse(r, 409, h, body))
	// A 404 of a code the operation's 404 does not list.
	other, _ := apierr.AppendBody(nil, apierr.Nexpay, apierr.New(apierr.GEN9404), apierr.Meta{})
	fmt.Println(v.CheckResponse(r, 404, h, other))
	// Without the request ID every response of errkit's requires.
	fmt.Println(v.CheckResponse(r, 404, http.Header{"Content-Type": {apierr.Nexpay.ContentType()}}, body))
	// Output:
	// <nil>
	// openapi: GET /v2/payments/{id}: status 409 is not documented (documented: 200, 400, 401, 404, 429, 500, 503)
	// openapi: GET /v2/payments/{id}: 404: code GEN9404 is not among the codes the response lists (PAY0001)
	// openapi: GET /v2/payments/{id}: 404: response header "X-Request-Id" missing
}

// WithLookup lets x-errkit-codes name codes the contract's catalogue does
// not hold: here a team's code registered in its own catalogue.
func ExampleWithLookup() {
	team := apierr.NewCatalogue("team", nil)
	team.MustRegister(apierr.Spec{ID: "LEDGER_LOCKED", Status: 423, Message: "Ledger locked"})
	doc, err := openapi.Load([]byte(strings.Replace(paymentsSpec, "[PAY0003]", "[LEDGER_LOCKED]", 1)))
	if err != nil {
		log.Fatal(err)
	}
	lookup := func(id string) (apierr.Code, bool) {
		if c, ok := team.Lookup(id); ok {
			return c, true
		}
		return apierr.Nexpay.Catalogue().Lookup(id)
	}
	if err := openapi.Merge(doc, apierr.Nexpay, openapi.WithLookup(lookup)); err != nil {
		log.Fatal(err)
	}
	// Nexpay v2 answers a code of another catalogue with its own code for
	// the status: 423 is a 4xx, its bad-request code.
	fmt.Println(doc.Paths.Value("/v2/payments").Post.Responses.Value("400") != nil)
	// Output:
	// true
}

func ExampleMaxBody() {
	v, err := openapi.NewValidator(mergedPayments(), openapi.MaxBody(16))
	if err != nil {
		log.Fatal(err)
	}
	r := httptest.NewRequest("POST", "/v2/payments", strings.NewReader(`{"amount":"10.00","currency":"EUR"}`))
	r.Header.Set("Content-Type", "application/json")
	fmt.Println(v.CheckRequest(r).(*apierr.ConditionError).Condition)
	// Output:
	// too_large
}

// Without OutsideOperations, an answer to an unknown route is held to the
// component responses the spec kept; with it, to the contract's.
func ExampleOutsideOperations() {
	v, err := openapi.NewValidator(mergedPayments(), openapi.OutsideOperations(apierr.Nexpay))
	if err != nil {
		log.Fatal(err)
	}
	body, _ := apierr.AppendBody(nil, apierr.Nexpay, apierr.New(apierr.GEN9404), apierr.Meta{})
	r := httptest.NewRequest("GET", "/v2/refunds", nil)
	h := http.Header{"Content-Type": {apierr.Nexpay.ContentType()}, "X-Request-Id": {"req-1"}}
	fmt.Println(v.CheckResponse(r, 404, h, body))
	// Output:
	// <nil>
}

func ExampleValidator_CheckRequest() {
	v, err := openapi.NewValidator(mergedPayments())
	if err != nil {
		log.Fatal(err)
	}
	r := httptest.NewRequest("POST", "/v2/payments", strings.NewReader(`{"amount":"10.00"`))
	r.Header.Set("Content-Type", "application/json")
	ce := v.CheckRequest(r).(*apierr.ConditionError)
	fmt.Println(ce.Condition, ce.Details[0].Value)
	// Output:
	// bad_request truncated
}

func ExampleDocHandler_JSON() {
	h, err := openapi.Handler(mergedPayments())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.SplitN(string(h.JSON()), "\n", 3)[1])
	fmt.Println(strings.SplitN(string(h.YAML()), "\n", 2)[0])
	// Output:
	//   "openapi": "3.1.0",
	// openapi: 3.1.0
}

func ExampleValidate() {
	doc, err := openapi.Load([]byte(paymentsSpec))
	if err != nil {
		log.Fatal(err)
	}
	// Before the merge, the spec refers to a response nobody defined.
	fmt.Println(openapi.Validate(doc))
	fmt.Println(openapi.Validate(mergedPayments()))
	// Output:
	// openapi: the spec refers to components.responses.NexpayError503, which it does not define
	// <nil>
}
