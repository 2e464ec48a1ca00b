package e2e

import (
	"bytes"
	"net/http"
)

const (
	noAuth      = ""
	unknownUUID = "3f2c1a8e-9b7d-4e21-8c3a-5d6f7e8a9b0c"
)

var (
	pdf  = []byte("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
	png  = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
	jpeg = []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9")
	// big is one byte over the 1 MiB a document may hold.
	big = append([]byte("%PDF-"), bytes.Repeat([]byte{'0'}, 1<<20-4)...)
)

func hdr(kv ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func newPayee() Step {
	return Step{Method: "POST", Path: "/v2/payees",
		Body:   `{"name":"Ana Lima","iban":"{iban+}","bic":"DEUTDEFF","email":"ana@example.com"}`,
		Status: http.StatusCreated, Save: map[string]string{"payee": "id"}}
}

func newQuote() Step {
	return Step{Method: "POST", Path: "/v2/quotes",
		Body:   `{"fromCurrency":"EUR","toCurrency":"USD","amount":"100.00"}`,
		Status: http.StatusCreated, Save: map[string]string{"quote": "id"}, Contains: []string{`"rate":"1.0850"`, `"expiresAt":`}}
}

func newPayment() Step {
	return Step{Method: "POST", Path: "/v2/payments",
		Body:   `{"payeeId":"{payee}","amount":"250.00","currency":"EUR","reference":"{ref+}"}`,
		Status: http.StatusCreated, Save: map[string]string{"payment": "id"}, Contains: []string{`"status":"pending"`}}
}

// Cases is the table every sandbox server must pass.
var Cases = []Case{
	{Name: "health", Steps: []Step{
		{Method: "GET", Path: "/health", Header: hdr("Authorization", noAuth), Status: 200, Contains: []string{`"status":"ok"`}},
		{Method: "HEAD", Path: "/health", Header: hdr("Authorization", noAuth), Status: 200},
	}},
	{Name: "document", Steps: []Step{
		{Method: "GET", Path: "/openapi.json", Header: hdr("Authorization", noAuth), Status: 200,
			Contains: []string{`"openapi": "3.1.0"`, `"/v2/payments/{id}/cancel"`, `"NexpayError"`}, WantHeader: hdr("ETag", "")},
		{Method: "HEAD", Path: "/openapi.yaml", Header: hdr("Authorization", noAuth), Status: 200,
			WantHeader: hdr("Content-Type", "application/yaml; charset=utf-8", "ETag", "")},
	}},
	{Name: "auth", Steps: []Step{
		{Method: "GET", Path: "/v2/payments/" + unknownUUID, Header: hdr("Authorization", noAuth), Status: 401, Code: "[GEN9003]", WantHeader: hdr("WWW-Authenticate", "ApiKey")},
		{Method: "GET", Path: "/v2/payments/" + unknownUUID, Header: hdr("Authorization", "ApiKey pk_live_unknown"), Status: 401, Code: "[AUT0003]"},
		{Method: "GET", Path: "/v2/payments/" + unknownUUID, Header: hdr("Authorization", "Bearer pk_test_sandbox"), Status: 401, Code: "[GEN9003]"},
		{Method: "HEAD", Path: "/v2/payments/" + unknownUUID, Header: hdr("Authorization", noAuth), Status: 401, Code: "[GEN9003]"},
		{Method: "GET", Path: "/v2/nothing-here", Header: hdr("Authorization", noAuth), Status: 401, Code: "[GEN9003]"},
	}},
	{Name: "payees", Steps: []Step{
		newPayee(),
		{Method: "GET", Path: "/v2/payees/{payee}", Status: 200, Contains: []string{`"id":"{payee}"`, `"iban":"{iban}"`}},
		{Method: "HEAD", Path: "/v2/payees/{payee}", Status: 200},
		{Method: "POST", Path: "/v2/payees", Body: `{"name":"Ana Again","iban":"{iban}"}`, Status: 409, Code: "[PYE0002]"},
		{Method: "GET", Path: "/v2/payees/" + unknownUUID, Status: 404, Code: "[PYE0001]"},
		{Method: "GET", Path: "/v2/payees/not-a-uuid", Status: 404, Code: "[PYE0001]"},
		{Method: "HEAD", Path: "/v2/payees/" + unknownUUID, Status: 404, Code: "[PYE0001]"},
		{Method: "POST", Path: "/v2/payees", Body: `{"name":"","iban":"DE00 1234","email":"nope"}`, Status: 400, Code: "[PYE0003]", Fields: []string{"name", "iban", "email"}},
	}},
	{Name: "quotes", Steps: []Step{
		newQuote(),
		{Method: "POST", Path: "/v2/quotes", Body: `{"fromCurrency":"BRL","toCurrency":"USD","amount":"1000.00"}`, Status: 422, Code: "[QOT0003]",
			Details: map[string]any{"fromCurrency": "BRL", "toCurrency": "USD"}},
		{Method: "POST", Path: "/v2/quotes", Body: `{"fromCurrency":"EUR","toCurrency":"USD","amount":"5.00"}`, Status: 422, Code: "[QOT0004]",
			Details: map[string]any{"minimum": "10.00"}},
		{Method: "POST", Path: "/v2/quotes", Body: `{"fromCurrency":"ZZZ","toCurrency":"USD","amount":"1e5"}`, Status: 400, Code: "[GEN9002]", Fields: []string{"fromCurrency", "amount"}},
	}},
	{Name: "payments", Steps: []Step{
		newPayee(), newQuote(),
		{Method: "POST", Path: "/v2/payments", Body: `{"payeeId":"{payee}","quoteId":"{quote}","amount":"100.00","currency":"EUR","reference":"{ref+}"}`,
			Status: 201, Save: map[string]string{"payment": "id"}, Contains: []string{`"amount":"100.00"`, `"quoteId":"{quote}"`}},
		{Method: "GET", Path: "/v2/payments/{payment}", Status: 200, Contains: []string{`"status":"pending"`}},
		{Method: "HEAD", Path: "/v2/payments/{payment}", Status: 200},
		{Method: "POST", Path: "/v2/payments", Body: `{"payeeId":"{payee}","amount":"100.00","currency":"EUR","reference":"{ref}"}`, Status: 409, Code: "[PAY0003]"},
		{Method: "POST", Path: "/v2/payments/{payment}/cancel", ContentType: "-", Status: 200, Contains: []string{`"status":"cancelled"`}},
		{Method: "POST", Path: "/v2/payments/{payment}/cancel", ContentType: "-", Status: 422, Code: "[PAY0002]"},
		{Method: "GET", Path: "/v2/payments/" + unknownUUID, Status: 404, Code: "[PAY0001]"},
		{Method: "POST", Path: "/v2/payments/" + unknownUUID + "/cancel", ContentType: "-", Status: 404, Code: "[PAY0001]"},
	}},
	{Name: "payment failures", Steps: []Step{
		newPayee(),
		{Method: "POST", Path: "/v2/payments", Body: `{"amount":"-1","currency":"EURO"}`, Status: 400, Code: "[GEN9002]",
			Fields: []string{"payeeId", "amount", "currency", "reference"}},
		{Method: "POST", Path: "/v2/payments", Body: `{"payeeId":"` + unknownUUID + `","amount":"1.00","currency":"EUR","reference":"{ref+}"}`, Status: 404, Code: "[PYE0001]"},
		{Method: "POST", Path: "/v2/payments", Body: `{"payeeId":"{payee}","quoteId":"` + unknownUUID + `","amount":"1.00","currency":"EUR","reference":"{ref+}"}`, Status: 404, Code: "[QOT0002]"},
	}},
	{Name: "idempotency", Steps: []Step{
		newPayee(),
		{Method: "POST", Path: "/v2/payments", Header: hdr("Idempotency-Key", "{key+}"), Body: `{"payeeId":"{payee}","amount":"80.00","currency":"EUR","reference":"{ref+}"}`,
			Status: 201, SaveBody: "first"},
		{Method: "POST", Path: "/v2/payments", Header: hdr("Idempotency-Key", "{key}"), Body: `{ "reference":"{ref}", "currency":"EUR", "amount":"80.00", "payeeId":"{payee}" }`,
			Status: 201, SameBody: "first", WantHeader: hdr("Idempotent-Replayed", "true")},
		{Method: "POST", Path: "/v2/payments", Header: hdr("Idempotency-Key", "{key}"), Body: `{"payeeId":"{payee}","amount":"99.00","currency":"EUR","reference":"{ref}"}`,
			Status: 422, Code: "[GEN9422]"},
		{Method: "POST", Path: "/v2/payments", Body: `{"payeeId":"{payee}","amount":"80.00","currency":"EUR","reference":"{ref}"}`, Status: 409, Code: "[PAY0003]"},
		{Method: "POST", Path: "/v2/payments", Header: hdr("Idempotency-Key", "not a valid key!"), Body: `{}`, Status: 400, Code: "[GEN9002]"},
	}},
	{Name: "request IDs", Steps: []Step{
		{Method: "GET", Path: "/health", Header: hdr("X-Request-Id", "req-2026-0001"), Status: 200, WantHeader: hdr("X-Request-Id", "req-2026-0001")},
		{Method: "GET", Path: "/v2/payments/" + unknownUUID, Header: hdr("X-Request-Id", "<script>alert(1)</script>"), Status: 404, Code: "[PAY0001]",
			WantHeader: hdr("X-Request-Id", "!<script>alert(1)</script>")},
		{Method: "GET", Path: "/nothing-here", Header: hdr("Authorization", noAuth), Status: 404, Code: "[GEN9404]", WantHeader: hdr("X-Request-Id", "")},
	}},
	{Name: "expired quote", Server: "expiry", Steps: []Step{
		newPayee(), newQuote(),
		{Method: "POST", Path: "/v2/payments", Body: `{"payeeId":"{payee}","quoteId":"{quote}","amount":"100.00","currency":"EUR","reference":"{ref+}"}`, Status: 422, Code: "[QOT0001]"},
	}},
	{Name: "documents", Steps: []Step{
		{Method: "POST", Path: "/v2/documents", File: &File{"file", "invoice.pdf", "application/pdf", pdf}, Status: 201,
			Save: map[string]string{"doc": "id"}, Contains: []string{`"contentType":"application/pdf"`}},
		{Method: "GET", Path: "/v2/documents/{doc}", Status: 200, Contains: []string{`"filename":"invoice.pdf"`}},
		{Method: "POST", Path: "/v2/documents", File: &File{"file", "logo.png", "image/png", png}, Status: 201, Contains: []string{`"contentType":"image/png"`}},
		{Method: "POST", Path: "/v2/documents", File: &File{"file", "scan.txt", "text/plain", jpeg}, Status: 201, Contains: []string{`"contentType":"image/jpeg"`}},
		{Method: "POST", Path: "/v2/documents", File: &File{"file", "fake.pdf", "application/pdf", []byte("MZ\x90\x00 not a pdf")}, Status: 400, Code: "[DOC0003]"},
		{Method: "POST", Path: "/v2/documents", File: &File{"file", "huge.pdf", "application/pdf", big}, Status: 413, Code: "[DOC0002]"},
		{Method: "POST", Path: "/v2/documents", File: &File{"attachment", "invoice.pdf", "application/pdf", pdf}, Status: 400, Code: "[GEN9002]", Fields: []string{"file"}},
		{Method: "POST", Path: "/v2/documents", Body: `{"file":"JVBERi0="}`, Status: 415, Code: "[GEN9415]"},
		{Method: "GET", Path: "/v2/documents/" + unknownUUID, Status: 404, Code: "[DOC0001]"},
	}},
	{Name: "webhooks and gateway callbacks", Steps: []Step{
		{Method: "POST", Path: "/v2/webhooks", Body: `{"url":"https://example.com/hooks/nexpay"}`, Status: 201, Contains: []string{`"url":"https://example.com/hooks/nexpay"`}},
		{Method: "POST", Path: "/v2/webhooks", Body: `{"url":"not a url"}`, Status: 400, Code: "[GEN9002]", Fields: []string{"url"}},
		newPayee(), newPayment(),
		{Method: "POST", Path: "/v2/gateway/callback", Body: `{"paymentId":"{payment}","status":"completed"}`, Status: 200, Contains: []string{`"status":"completed"`}},
		{Method: "POST", Path: "/v2/payments/{payment}/cancel", ContentType: "-", Status: 422, Code: "[PAY0002]"},
		{Method: "POST", Path: "/v2/gateway/callback", Body: `{"paymentId":"{payment}","status":"lost"}`, Status: 400, Code: "[GWY0003]", Fields: []string{"status"}},
	}},
	{Name: "panic", Steps: []Step{
		{Method: "GET", Path: "/v2/debug/panic", Status: 500, Code: "[GEN9001]"},
		{Method: "GET", Path: "/health", Status: 200},
	}},
	{Name: "routing", Steps: []Step{
		{Method: "GET", Path: "/v2/nothing-here", Status: 404, Code: "[GEN9404]"},
		{Method: "GET", Path: "/nothing-here", Header: hdr("Authorization", noAuth), Status: 404, Code: "[GEN9404]"},
		{Method: "DELETE", Path: "/v2/payees", Status: 405, Code: "[GEN9405]", WantHeader: hdr("Allow", "~POST")},
		{Method: "POST", Path: "/health", Header: hdr("Authorization", noAuth), Body: `{}`, Status: 405, Code: "[GEN9405]", WantHeader: hdr("Allow", "")},
	}},
	{Name: "bad bodies", Steps: []Step{
		{Method: "POST", Path: "/v2/payees", Body: `{"name":`, Status: 400, Code: "[GEN9002]"},
		{Method: "POST", Path: "/v2/payees", Body: `{"name":"Ana","iban":"{iban+}"}`, ContentType: "text/plain", Status: 415, Code: "[GEN9415]"},
		{Method: "POST", Path: "/v2/quotes", Body: `{"fromCurrency":"EUR","toCurrency":"USD","amount":100}`, Status: 400, Code: "[GEN9002]"},
		{Method: "POST", Path: "/v2/quotes", Body: `[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`, Status: 400, Code: "[GEN9002]"},
		{Method: "POST", Path: "/v2/quotes", Body: "", Status: 400, Code: "[GEN9002]"},
	}},
	{Name: "body over the limit", Server: "small", Steps: []Step{
		{Method: "POST", Path: "/v2/webhooks", BigBody: 4096, Status: 413, Code: "[GEN9413]"},
		{Method: "POST", Path: "/v2/webhooks", Body: `{"url":"https://example.com/small"}`, Status: 201},
	}},
	{Name: "maintenance from the start", Server: "maintenance", Steps: []Step{
		{Method: "GET", Path: "/health", Header: hdr("Authorization", noAuth), Status: 200, Contains: []string{`"maintenance":true`}},
		{Method: "POST", Path: "/v2/payments", Body: `{}`, Status: 503, Code: "[GEN9013]", WantHeader: hdr("Retry-After", "")},
		{Method: "GET", Path: "/v2/payees/" + unknownUUID, Status: 503, Code: "[GEN9013]", WantHeader: hdr("Retry-After", "")},
		{Method: "POST", Path: "/v2/webhooks", Body: `{"url":"https://example.com/hooks"}`, Status: 201},
		{Method: "POST", Path: "/v2/gateway/callback", Body: `{"paymentId":"` + unknownUUID + `","status":"completed"}`, Status: 404, Code: "[PAY0001]"},
		{Method: "DELETE", Path: "/admin/maintenance", Header: hdr("Authorization", "Bearer admin_test_sandbox"), Status: 200, Contains: []string{`"maintenance":false`}},
		{Method: "GET", Path: "/v2/payees/" + unknownUUID, Status: 404, Code: "[PYE0001]"},
	}},
	{Name: "maintenance switched at run time", Steps: []Step{
		{Method: "PUT", Path: "/admin/maintenance", Header: hdr("Authorization", noAuth), Body: `{"retryAfter":120}`, Status: 401, Code: "[GEN9003]"},
		{Method: "PUT", Path: "/admin/maintenance", Header: hdr("Authorization", "Bearer wrong"), Body: `{"retryAfter":120}`, Status: 403, Code: "[GEN9004]"},
		{Method: "PUT", Path: "/admin/maintenance", Header: hdr("Authorization", "Bearer admin_test_sandbox"), Body: `{"retryAfter":120}`, Status: 200, Contains: []string{`"maintenance":true`}},
		{Method: "POST", Path: "/v2/quotes", Body: `{"fromCurrency":"EUR","toCurrency":"USD","amount":"100.00"}`, Status: 503, Code: "[GEN9013]", RetryAfter: 120},
		{Method: "GET", Path: "/health", Status: 200, Contains: []string{`"maintenance":true`}},
		{Method: "DELETE", Path: "/admin/maintenance", Header: hdr("Authorization", "Bearer admin_test_sandbox"), Status: 200},
		newQuote(),
	}},
}
