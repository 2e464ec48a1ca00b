package openapi

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// opsSpec has an operation of each kind: a secured read with a path
// parameter, a create with a JSON body and an idempotency key, an open one
// without parameters, and a $ref to a component only the merge defines.
const opsSpec = `openapi: 3.1.0
info: {title: Payments, version: 2.0.0}
security: [{apiKey: []}]
paths:
  /health:
    get:
      security: []
      responses:
        "200": {description: OK}
  /v2/payments/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      x-errkit-codes: [PAY0001]
      responses:
        "200": {description: The payment.}
        "503": {$ref: '#/components/responses/NexpayError503'}
  /v2/payments:
    post:
      x-errkit-codes: ["[PAY0003]", QOT0001, QOT0002]
      parameters: [{name: Idempotency-Key, in: header, schema: {type: string}}]
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object}
      responses:
        "201": {description: Created.}
components:
  securitySchemes:
    apiKey: {type: apiKey, in: header, name: Authorization}
`

func TestMergeOperations(t *testing.T) {
	doc := mustLoad(t, opsSpec)
	if err := Validate(doc); err == nil || !strings.Contains(err.Error(), "components.responses.NexpayError503") {
		t.Errorf("Validate before the merge: %v", err)
	}
	if err := Merge(doc, apierr.Nexpay); err != nil {
		t.Fatal(err)
	}
	if err := Validate(doc); err != nil {
		t.Fatal(err)
	}
	examples := func(path, method, status string) []string {
		r := doc.Paths.Value(path).GetOperation(method).Responses.Value(status)
		if r == nil || r.Value == nil {
			return nil
		}
		mt := r.Value.Content.Get("application/json")
		if mt == nil {
			return nil
		}
		var ids []string
		for id := range mt.Examples {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		return ids
	}
	for _, tt := range []struct {
		path, method string
		want         map[string][]string
	}{
		{"/health", "GET", map[string][]string{
			"200": nil, "429": {"GEN9429"}, "500": {"GEN9001"}, "503": {"GEN9013", "GEN9503"},
		}},
		{"/v2/payments/{id}", "GET", map[string][]string{
			"200": nil, "400": {"GEN9002"}, "401": {"GEN9003"}, "404": {"PAY0001"}, "429": {"GEN9429"},
			"500": {"GEN9001"}, "503": {"CHT0004", "GEN9013", "GEN9503", "GWY0002"}, // the spec's own $ref
		}},
		{"/v2/payments", "POST", map[string][]string{
			"201": nil, "400": {"GEN9002"}, "401": {"GEN9003"}, "404": {"QOT0002"}, "409": {"GEN9409", "PAY0003"},
			"413": {"GEN9413"}, "415": {"GEN9415"}, "422": {"GEN9422", "QOT0001"}, "429": {"GEN9429"},
			"500": {"GEN9001"}, "503": {"GEN9013", "GEN9503"},
		}},
	} {
		op := doc.Paths.Value(tt.path).GetOperation(tt.method)
		var want []string
		for s := range tt.want {
			want = append(want, s)
		}
		if got := op.Responses.Keys(); !sameSet(got, want) {
			t.Errorf("%s %s: responses %v, want %v", tt.method, tt.path, got, want)
			continue
		}
		for status, ids := range tt.want {
			if got := examples(tt.path, tt.method, status); !slices.Equal(got, ids) {
				t.Errorf("%s %s %s: examples %v, want %v", tt.method, tt.path, status, got, ids)
			}
		}
	}
	// The spec's $ref now resolves to the contract's component.
	if r := doc.Paths.Value("/v2/payments/{id}").Get.Responses.Value("503"); r.Value == nil || r.Value.Content["application/json"] == nil {
		t.Error("the $ref to NexpayError503 does not resolve to the contract's response")
	}
	// 401 documents the challenge.
	if doc.Paths.Value("/v2/payments").Post.Responses.Value("401").Value.Headers["WWW-Authenticate"] == nil {
		t.Error("401 does not document WWW-Authenticate")
	}
}

func TestMergeTwiceSameBytes(t *testing.T) {
	for _, f := range []Format{YAML, JSON} {
		doc := mustLoad(t, opsSpec)
		if err := Merge(doc, apierr.Nexpay); err != nil {
			t.Fatal(err)
		}
		once, err := Marshal(doc, f)
		if err != nil {
			t.Fatal(err)
		}
		again := mustLoad(t, string(once))
		if err := Merge(again, apierr.Nexpay); err != nil {
			t.Fatal(err)
		}
		twice, err := Marshal(again, f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(once, twice) {
			t.Errorf("%s: merging the merged spec changed it", f)
		}
		// Merging the same document in memory again changes nothing either.
		if err := Merge(doc, apierr.Nexpay); err != nil {
			t.Fatal(err)
		}
		if b, _ := Marshal(doc, f); !bytes.Equal(b, once) {
			t.Errorf("%s: a second Merge of the same document changed it", f)
		}
	}
}

func TestMergeCodesChange(t *testing.T) {
	doc := mustLoad(t, opsSpec)
	if err := Merge(doc, apierr.Nexpay); err != nil {
		t.Fatal(err)
	}
	op := doc.Paths.Value("/v2/payments/{id}").Get
	SetCodes(op, apierr.PAY0002)
	if err := Merge(doc, apierr.Nexpay); err != nil {
		t.Fatal(err)
	}
	if op.Responses.Value("404") != nil || op.Responses.Value("422") == nil {
		t.Errorf("after SetCodes(PAY0002): responses %v", op.Responses.Keys())
	}
}

func TestMergeCodesErrors(t *testing.T) {
	for name, ext := range map[string]string{
		"unknown code": `x-errkit-codes: [PAY9999]`,
		"not a list":   `x-errkit-codes: PAY0001`,
		"not a string": `x-errkit-codes: [1]`,
	} {
		spec := strings.Replace(opsSpec, "x-errkit-codes: [PAY0001]", ext, 1)
		doc := mustLoad(t, spec)
		before, _ := Marshal(doc, JSON)
		err := Merge(doc, apierr.Nexpay)
		if err == nil || !strings.Contains(err.Error(), "GET /v2/payments/{id}: x-errkit-codes") {
			t.Errorf("%s: error = %v", name, err)
		}
		if after, _ := Marshal(doc, JSON); !bytes.Equal(before, after) {
			t.Errorf("%s: a refused merge changed the spec", name)
		}
	}
	// A $ref to a component neither the spec nor the contract defines.
	doc := mustLoad(t, strings.Replace(opsSpec, "NexpayError503", "Nope503", 1))
	if err := Merge(doc, apierr.Nexpay); err == nil || !strings.Contains(err.Error(), "components.responses.Nope503") {
		t.Errorf("undefined ref: error = %v", err)
	}
}

func TestMergeLookupRecode(t *testing.T) {
	// The spec names codes of the Nexpay catalogue; the server answers in
	// another contract, which recodes them.
	doc := mustLoad(t, strings.Replace(opsSpec, `        "503": {$ref: '#/components/responses/NexpayError503'}
`, "", 1))
	err := Merge(doc, acmeDescribed,
		WithLookup(apierr.Nexpay.Catalogue().Lookup),
		WithRecode(func(c apierr.Code) apierr.Code {
			if c == apierr.PAY0001 {
				return acmeNotFound
			}
			return 0
		}))
	if err != nil {
		t.Fatal(err)
	}
	r := doc.Paths.Value("/v2/payments/{id}").Get.Responses.Value("404")
	if r == nil || len(r.Value.Content) == 0 {
		t.Fatalf("404: %+v", r)
	}
	if err := Validate(doc); err != nil {
		t.Fatal(err)
	}
}
