package sandbox

import (
	"bytes"
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
	"github.com/errkit/errkit/openapi"
	"github.com/errkit/errkit/validation"
	"github.com/getkin/kin-openapi/openapi3"
)

var writeDocs = flag.String("write-docs", "", "write each contract's documents, as YAML, into this `directory` (CI lints them)")

// TestDocument checks the document of every contract, in both -auth
// modes: it validates, each operation documents the codes of its
// x-errkit-codes as the contract answers them, and every response requires
// X-Request-Id. With -write-docs, it writes them out:
// sandbox-<contract>.yaml and sandbox-<contract>-signed.yaml.
func TestDocument(t *testing.T) {
	for _, name := range ContractNames() {
		for _, mode := range []string{AuthAPIKey, AuthSigned} {
			d, _ := DialectNamed(name)
			doc, err := d.Document(mode)
			if err != nil {
				t.Fatalf("%s, %s: %v", name, mode, err)
			}
			if *writeDocs != "" {
				file := "sandbox-" + name + ".yaml"
				if mode == AuthSigned {
					file = "sandbox-" + name + "-signed.yaml"
				}
				b, err := openapi.Marshal(doc, openapi.YAML)
				if err == nil {
					err = os.WriteFile(filepath.Join(*writeDocs, file), b, 0o644)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			for _, path := range doc.Paths.InMatchingOrder() {
				for method, op := range doc.Paths.Value(path).Operations() {
					for status, r := range op.Responses.Map() {
						h := r.Value.Headers["X-Request-Id"]
						if h == nil || h.Value == nil || !h.Value.Required {
							t.Errorf("%s, %s: %s %s: %s does not require X-Request-Id", name, mode, method, path, status)
						}
					}
				}
			}
			get := doc.Paths.Value("/v2/payments/{id}").Get
			notFound := d.Recode(apierr.PAY0001, true)
			if notFound == 0 {
				notFound = d.Contract.Code(apierr.ConditionForStatus(404))
			}
			if d.Contract.Catalogue() == apierr.Nexpay.Catalogue() {
				notFound = apierr.PAY0001
			}
			if !documents(get, notFound) {
				t.Errorf("%s, %s: GET /v2/payments/{id} has no %d with an example of %s", name, mode, notFound.Status(), notFound.ID())
			}
		}
	}
}

// documents reports whether op documents code: an example of it in the
// response of its status.
func documents(op *openapi3.Operation, code apierr.Code) bool {
	r := op.Responses.Status(code.Status())
	if r == nil || r.Value == nil {
		return false
	}
	for _, mt := range r.Value.Content {
		if _, ok := mt.Examples[code.ID()]; ok {
			return true
		}
	}
	return false
}

// TestDocumentSigned checks the document of -auth signed in every
// contract: the operations under /v2 are secured by the contract's own
// scheme, not the API key, and document the code of each failure the
// scheme can meet; the others keep their own security.
func TestDocumentSigned(t *testing.T) {
	for _, name := range ContractNames() {
		d, _ := DialectNamed(name)
		doc, err := d.Document(AuthSigned)
		if err != nil {
			t.Fatal(err)
		}
		s := SchemeOf(name)
		schemes := doc.Components.SecuritySchemes
		if schemes["apiKey"] != nil {
			t.Errorf("%s: the API key scheme is still documented", name)
		}
		var headers []string
		for _, ref := range schemes {
			if v := ref.Value; v.Type == "apiKey" {
				headers = append(headers, v.Name)
			}
		}
		slices.Sort(headers)
		var want []string
		for _, h := range []string{s.Headers.Key, s.Headers.Nonce, s.Headers.Timestamp, s.Headers.Signature} {
			if h != "" {
				want = append(want, h)
			}
		}
		slices.Sort(want)
		if !slices.Equal(headers, want) {
			t.Errorf("%s: schemes of headers %v, want %v", name, headers, want)
		}
		if basic := schemes["basicAuth"]; s.Basic != (basic != nil && basic.Value.Scheme == "basic") {
			t.Errorf("%s: Basic documented %v, the scheme is Basic %v", name, basic != nil, s.Basic)
		}
		if len(doc.Security) != 1 || len(doc.Security[0]) != max(len(want), 1) {
			t.Errorf("%s: security %v, want one requirement of every scheme", name, doc.Security)
		}
		create := doc.Paths.Value("/v2/quotes").Post
		for _, f := range signedFailures(s) {
			if code := kit.AuthCode(d.Contract, f); !documents(create, code) {
				t.Errorf("%s: POST /v2/quotes does not document %s, the code of %s", name, code.ID(), f)
			}
		}
		if admin := doc.Paths.Value("/admin/maintenance").Put; admin.Security == nil || (*admin.Security)[0]["adminToken"] == nil {
			t.Errorf("%s: the admin operations lost their token", name)
		}
		if health := doc.Paths.Value("/health").Get; health.Security == nil || len(*health.Security) != 0 {
			t.Errorf("%s: /health is secured", name)
		}
	}
	if _, err := (Dialect{Contract: apierr.Nexpay}).Document("oauth"); err == nil {
		t.Error("an unknown mode is documented")
	}
}

// TestDocumentIsTheMerge checks that the served Nexpay document is what
// `errkit openapi --merge openapi.yaml` writes: the base spec merged by
// the kit, nothing written by hand.
func TestDocumentIsTheMerge(t *testing.T) {
	d, _ := DialectNamed("nexpay")
	served, err := d.Document(AuthAPIKey)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi.LoadFile("openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := openapi.Merge(doc, apierr.Nexpay); err != nil {
		t.Fatal(err)
	}
	a, _ := openapi.Marshal(served, openapi.JSON)
	b, _ := openapi.Marshal(doc, openapi.JSON)
	if !bytes.Equal(a, b) {
		t.Error("the served document differs from the CLI's merge of openapi.yaml")
	}
}

// TestDocumentAgreesWithTags sends invalid bodies to both checkers: the
// document (openapi.Validator) and the request structs' validate tags
// (the validation package) must refuse the same fields.
func TestDocumentAgreesWithTags(t *testing.T) {
	d, _ := DialectNamed("nexpay")
	doc, err := d.Document(AuthAPIKey)
	if err != nil {
		t.Fatal(err)
	}
	v, err := openapi.NewValidator(doc)
	if err != nil {
		t.Fatal(err)
	}
	val := validation.New()
	for _, tt := range []struct {
		path string
		dst  func() any
		body string
	}{
		{"/v2/payees", func() any { return new(PayeeRequest) }, `{}`},
		{"/v2/payees", func() any { return new(PayeeRequest) }, `{"name":"","iban":"","bic":"x","email":"nope"}`},
		{"/v2/payees", func() any { return new(PayeeRequest) }, `{"name":"` + strings.Repeat("n", 141) + `","iban":"DE89370400440532013000"}`},
		{"/v2/quotes", func() any { return new(QuoteRequest) }, `{"fromCurrency":"eur","toCurrency":"USD","amount":"1.234"}`},
		{"/v2/quotes", func() any { return new(QuoteRequest) }, `{"fromCurrency":"EUR","toCurrency":"US","amount":"abc"}`},
		{"/v2/quotes", func() any { return new(QuoteRequest) }, `{"fromCurrency":5}`},
		{"/v2/payments", func() any { return new(PaymentRequest) }, `{"payeeId":"x","quoteId":"y","amount":"-1","currency":"EURO","reference":""}`},
		{"/v2/payments", func() any { return new(PaymentRequest) }, `{}`},
		{"/v2/webhooks", func() any { return new(WebhookRequest) }, `{"url":"","events":["payment.lost"]}`},
		{"/v2/webhooks", func() any { return new(WebhookRequest) }, `{"url":"https://example.com/h","events":["payment.created","payment.created","payment.created","payment.created","payment.created","payment.created","payment.created","payment.created","payment.created","payment.created","payment.created"]}`},
		{"/v2/gateway/callback", func() any { return new(CallbackRequest) }, `{"paymentId":"1","status":"lost"}`},
		{"/admin/maintenance", func() any { return new(MaintenanceRequest) }, `{"retryAfter":0}`},
		{"/admin/maintenance", func() any { return new(MaintenanceRequest) }, `{"retryAfter":86401}`},
		{"/admin/maintenance", func() any { return new(MaintenanceRequest) }, `{"retryAfter":"60"}`},
	} {
		method := "POST"
		if strings.HasPrefix(tt.path, "/admin") {
			method = "PUT"
		}
		r := httptest.NewRequest(method, tt.path, strings.NewReader(tt.body))
		r.Header.Set("Content-Type", "application/json")
		byDoc := fieldsOf(v.CheckRequest(r))
		byTags := fieldsOf(validation.Decode([]byte(tt.body), tt.dst(), validation.WithValidator(val)))
		if !slices.Equal(byDoc, byTags) {
			t.Errorf("%s %s: the document refuses %v, the validate tags %v", tt.path, tt.body, byDoc, byTags)
		}
	}
}

// fieldsOf is the condition and the sorted field paths of a failure.
func fieldsOf(err error) []string {
	ce, ok := err.(*apierr.ConditionError)
	if !ok {
		return []string{"not a condition"}
	}
	out := []string{ce.Condition.String()}
	var fields []string
	for _, f := range ce.Fields {
		fields = append(fields, f.Field)
	}
	slices.Sort(fields)
	return append(out, fields...)
}

// Under a contract whose idempotency preset replays a create with another
// status (the Payout API's 200 "already exists"), every create behind the
// idempotency middleware documents that status with the create's body.
func TestDocumentHasReplayStatus(t *testing.T) {
	for _, name := range ContractNames() {
		d, _ := DialectNamed(name)
		doc, err := d.Document(AuthAPIKey)
		if err != nil {
			t.Fatal(err)
		}
		replay := IdempotencyConfig(d.Contract).ReplayStatus
		for _, path := range []string{"/v2/payees", "/v2/quotes", "/v2/payments", "/v2/webhooks"} {
			op := doc.Paths.Value(path).Post
			got := op.Responses.Value("200")
			switch {
			case replay == 200 && (got == nil || got.Value.Content.Get("application/json") == nil):
				t.Errorf("%s: POST %s documents no 200 replay", name, path)
			case replay == 0 && got != nil:
				t.Errorf("%s: POST %s documents a 200 it never sends", name, path)
			}
		}
	}
}
