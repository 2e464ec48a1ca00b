package openapi_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/openapi"
)

func ExampleDocument() {
	doc, err := openapi.Document(apierr.Nexpay, openapi.V31)
	if err != nil {
		log.Fatal(err)
	}
	if err := openapi.Validate(doc); err != nil {
		log.Fatal(err)
	}
	r := doc.Components.Responses["NexpayError422"].Value
	fmt.Println(doc.OpenAPI, len(doc.Components.Responses), "responses")
	fmt.Println(strings.SplitN(*r.Description, "\n", 2)[0])
	fmt.Println(r.Content["application/json"].Examples["QOT0003"].Ref)
	// Output:
	// 3.1.0 15 responses
	// Unprocessable Entity. Codes:
	// #/components/examples/NexpayQOT0003
}

func ExampleComponents() {
	comp, err := openapi.Components(apierr.Nexpay, openapi.V30)
	if err != nil {
		log.Fatal(err)
	}
	ex := comp.Examples[openapi.ExampleName(apierr.Nexpay, apierr.PAY0001)].Value
	fmt.Println(ex.Summary)
	fmt.Println(ex.Value.(map[string]any)["timestamp"])
	fmt.Println(comp.Responses[openapi.ResponseName(apierr.Nexpay, 503)].Value.Headers["Retry-After"] != nil)
	// Output:
	// Payment not found
	// 2026-01-15T10:30:00.000Z
	// true
}

func ExampleMerge() {
	spec := []byte(`
openapi: 3.0.3
info: {title: Payments, version: 2.0.0}
paths: {}
components:
  schemas:
    Payment: {type: object}
`)
	doc, err := openapi.Load(spec)
	if err != nil {
		log.Fatal(err)
	}
	if err := openapi.Merge(doc, apierr.Nexpay); err != nil {
		log.Fatal(err)
	}
	for _, name := range []string{"Payment", "NexpayError", "NexpayFieldError"} {
		fmt.Println(name, doc.Components.Schemas[name] != nil)
	}
	// Output:
	// Payment true
	// NexpayError true
	// NexpayFieldError true
}

func ExampleAddResponses() {
	doc, err := openapi.Load([]byte(`
openapi: 3.1.0
info: {title: Payments, version: 2.0.0}
security: [{apiKey: []}]
paths:
  /v2/payments/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: The payment.}
components:
  securitySchemes:
    apiKey: {type: apiKey, in: header, name: Authorization}
`))
	if err != nil {
		log.Fatal(err)
	}
	op := doc.Paths.Value("/v2/payments/{id}").Get
	if err := openapi.AddResponses(doc, op, apierr.Nexpay, apierr.PAY0001); err != nil {
		log.Fatal(err)
	}
	for _, status := range []string{"200", "400", "401", "404", "429", "500", "503"} {
		fmt.Println(status, op.Responses.Value(status) != nil)
	}
	fmt.Println(strings.ReplaceAll(*op.Responses.Value("404").Value.Description, "\n", " "))
	// Output:
	// 200 true
	// 400 true
	// 401 true
	// 404 true
	// 429 true
	// 500 true
	// 503 true
	// Not Found. Codes:  - `PAY0001` Payment not found
}

func ExampleMarshal() {
	doc, err := openapi.Document(apierr.Nexpay, openapi.V30)
	if err != nil {
		log.Fatal(err)
	}
	out, err := openapi.Marshal(doc, openapi.YAML)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.SplitN(string(out), "\n", 2)[0])
	// Output:
	// openapi: 3.0.3
}

func ExampleParseVersion() {
	v, err := openapi.ParseVersion("3.0.3")
	fmt.Println(v, err)
	_, err = openapi.ParseVersion("2.0")
	fmt.Println(err)
	// Output:
	// 3.0 <nil>
	// openapi: unknown version "2.0" (want 3.1 or 3.0)
}

func ExampleParseFormat() {
	f, err := openapi.ParseFormat("yml")
	fmt.Println(f, err)
	// Output:
	// yaml <nil>
}

func ExampleResponseName() {
	fmt.Println(openapi.ResponseName(apierr.Nexpay, 404))
	fmt.Println(openapi.ExampleName(apierr.Nexpay, apierr.PAY0001))
	// Output:
	// NexpayError404
	// NexpayPAY0001
}

func ExampleLoad() {
	_, err := openapi.Load([]byte(`{"swagger": "2.0"}`))
	fmt.Println(err != nil)
	// Output:
	// true
}

func ExampleLoadFile() {
	_, err := openapi.LoadFile("no-such-spec.yaml")
	fmt.Println(err)
	// Output:
	// openapi: open no-such-spec.yaml: no such file or directory
}
