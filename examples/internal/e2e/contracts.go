package e2e

import (
	"bytes"
	"io"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/examples/internal/sandbox"
)

// A contractCase is a request and the code every contract answers it
// with, as the contract's dialect names it; a zero code expects a 2xx.
type contractCase struct {
	name string
	step Step
	want func(sandbox.Dialect) apierr.Code
}

func byCondition(cond apierr.Condition) func(sandbox.Dialect) apierr.Code {
	return func(d sandbox.Dialect) apierr.Code { return d.Contract.Code(cond) }
}

var contractCases = []contractCase{
	{"missing API key", Step{Method: "GET", Path: "/v2/payments/" + unknownUUID, Header: hdr("Authorization", noAuth)},
		func(d sandbox.Dialect) apierr.Code { return d.Roles.MissingCredentials }},
	{"unknown API key", Step{Method: "GET", Path: "/v2/payments/" + unknownUUID, Header: hdr("Authorization", "ApiKey pk_live_nope")},
		func(d sandbox.Dialect) apierr.Code { return d.Roles.InvalidCredentials }},
	{"wrong admin token", Step{Method: "DELETE", Path: "/admin/maintenance", Header: hdr("Authorization", "Bearer wrong")},
		func(d sandbox.Dialect) apierr.Code { return d.Roles.Forbidden }},
	{"unknown payment", Step{Method: "GET", Path: "/v2/payments/" + unknownUUID},
		func(d sandbox.Dialect) apierr.Code {
			if d.Contract.Catalogue() == apierr.Nexpay.Catalogue() {
				return apierr.PAY0001
			}
			return d.Roles.ResourceNotFound
		}},
	{"unknown route", Step{Method: "GET", Path: "/v2/refunds"}, byCondition(apierr.NotFound)},
	{"wrong method", Step{Method: "DELETE", Path: "/v2/payees"}, byCondition(apierr.MethodNotAllowed)},
	{"malformed JSON", Step{Method: "POST", Path: "/v2/quotes", Body: `{"amount":`}, byCondition(apierr.BadRequest)},
	{"wrong content type", Step{Method: "POST", Path: "/v2/quotes", Body: `{}`, ContentType: "text/plain"}, byCondition(apierr.UnsupportedMediaType)},
	{"invalid payment", Step{Method: "POST", Path: "/v2/payments", Body: `{"amount":"-1"}`}, byCondition(apierr.Validation)},
	{"invalid payee", Step{Method: "POST", Path: "/v2/payees", Body: `{"name":"Ana"}`},
		func(d sandbox.Dialect) apierr.Code {
			if d.Contract.Catalogue() == apierr.Nexpay.Catalogue() {
				return apierr.PYE0003
			}
			return d.Contract.Code(apierr.Validation)
		}},
	// Behind the idempotency middleware, with a key in every place a
	// contract's preset reads one.
	{"invalid payment with a key", Step{Method: "POST", Path: "/v2/payments", Header: hdr("Idempotency-Key", "{key+}", "X-Idempotency-Key", "{key+}"),
		Body: `{"amount":"-1","external_id":"{key+}","custom_id":"{key+}"}`}, byCondition(apierr.Validation)},
	{"unclean path", Step{Method: "GET", Path: "//v2//payments/" + unknownUUID}, byCondition(apierr.NotFound)},
	{"asterisk-form", Step{Method: "PUT", Path: "*", Body: `{}`}, byCondition(apierr.NotFound)},
	{"panic", Step{Method: "GET", Path: "/v2/debug/panic"}, byCondition(apierr.Internal)},
	{"maintenance on", Step{Method: "PUT", Path: "/admin/maintenance", Header: hdr("Authorization", "Bearer "+AdminToken), Body: `{"retryAfter":60}`}, nil},
	{"maintenance", Step{Method: "POST", Path: "/v2/payments", Body: `{}`}, byCondition(apierr.Maintenance)},
	{"maintenance off", Step{Method: "DELETE", Path: "/admin/maintenance", Header: hdr("Authorization", "Bearer "+AdminToken)}, nil},
}

// contracts runs the server under every -contract: each failure must be
// a body of that contract, with the code its dialect gives the failure.
func contracts(t *testing.T, bin string) {
	names := sandbox.ContractNames()
	flags := make([][]string, len(names))
	for i, name := range names {
		flags[i] = []string{"-contract", name}
	}
	servers := StartAll(t, bin, flags...) // side by side: each takes a while to start
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			d, err := sandbox.DialectNamed(name)
			if err != nil {
				t.Fatal(err)
			}
			s := servers[i]
			defer s.Stop(t)
			for _, cc := range contractCases {
				resp, err := client.Do(request(t, s.URL, cc.step, map[string]string{}))
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				_ = resp.Body.Close()
				if cc.want == nil {
					if resp.StatusCode >= 300 {
						t.Fatalf("%s: status %d %s", cc.name, resp.StatusCode, body)
					}
					continue
				}
				want := cc.want(d)
				if resp.StatusCode != want.Status() {
					t.Errorf("%s: status %d, want %d (%s)\n%s", cc.name, resp.StatusCode, want.Status(), want.ID(), body)
					continue
				}
				if ct := resp.Header.Get("Content-Type"); ct != d.Contract.ContentType() {
					t.Errorf("%s: Content-Type %q, want %q", cc.name, ct, d.Contract.ContentType())
				}
				if bytes.Contains(body, []byte(leak)) {
					t.Errorf("%s: the body leaks the panic's text: %s", cc.name, body)
				}
				e, err := d.Contract.Parse(resp.StatusCode, body)
				if err != nil {
					t.Errorf("%s: not a %s body: %v\n%s", cc.name, name, err, body)
					continue
				}
				// What the wire can tell of the code with this message: a
				// contract may send one code per status (the Payout API
				// does) and tell its codes apart by their messages only.
				ref, err := apierr.AppendBody(nil, d.Contract, apierr.New(want).Msg(e.Text()), apierr.Meta{})
				if err != nil {
					t.Fatal(err)
				}
				wantParsed, err := d.Contract.Parse(want.Status(), ref)
				if err != nil {
					t.Fatal(err)
				}
				if e.ID() != wantParsed.ID() {
					t.Errorf("%s: code %s, want %s (%s)\n%s", cc.name, e.ID(), wantParsed.ID(), want.ID(), body)
				}
				// Come back later: a 429 or 503, or the code a contract
				// without them folds a rate limit or maintenance into.
				later := want.Status() == 429 || want.Status() == 503 ||
					want == d.Contract.Code(apierr.Maintenance) || want == d.Contract.Code(apierr.RateLimited)
				if later && resp.Header.Get("Retry-After") == "" {
					t.Errorf("%s: no Retry-After", cc.name)
				}
			}
			vars := map[string]string{}
			for i, st := range presetCases[name] {
				if !runStep(t, s.URL, st, vars) {
					t.Fatalf("idempotency step %d failed; server log:\n%s", i, tail(s.Log(), 20))
				}
			}
		})
	}
}

// presetCases repeat a create under each contract's idempotency preset:
// the key where the contract's document puts it, the repeat answered as it
// says.
var presetCases = map[string][]Step{
	"nexpay":        headerReplay("Idempotency-Key"),
	"nexpay-legacy": headerReplay("Idempotency-Key"),
	"problem":       headerReplay("Idempotency-Key"),
	"nextapi":       headerReplay("X-Idempotency-Key"),
	// Payout: external_id identifies the create; the repeat is 200
	// "already exists", with the first body.
	"payout": {
		{Method: "POST", Path: "/v2/webhooks", Body: `{"url":"https://example.com/payout","external_id":"{key+}"}`, Status: 201, SaveBody: "first"},
		{Method: "POST", Path: "/v2/webhooks", Body: `{"external_id":"{key}","url":"https://example.com/payout"}`, Status: 200, SameBody: "first"},
		// external_id alone is the key: a header of the client's
		// choosing does not make the repeat a new create.
		{Method: "POST", Path: "/v2/webhooks", Header: hdr("Idempotency-Key", "fresh-header-key"),
			Body: `{"external_id":"{key}","url":"https://example.com/payout"}`, Status: 200, SameBody: "first"},
	},
	// Cryptopay: a custom_id used before is 409, whatever came with it.
	"cryptopay": {
		{Method: "POST", Path: "/v2/webhooks", Body: `{"url":"https://example.com/cryptopay","custom_id":"{key+}"}`, Status: 201},
		{Method: "POST", Path: "/v2/webhooks", Body: `{"url":"https://example.com/cryptopay","custom_id":"{key}"}`, Status: 409,
			Contains: []string{`"code":"conflict"`}},
		// custom_id alone is the key, whatever header comes with it.
		{Method: "POST", Path: "/v2/webhooks", Header: hdr("Idempotency-Key", "fresh-header-key"),
			Body: `{"url":"https://example.com/cryptopay","custom_id":"{key}"}`, Status: 409, Contains: []string{`"code":"conflict"`}},
	},
}

func headerReplay(header string) []Step {
	return []Step{
		{Method: "POST", Path: "/v2/webhooks", Header: hdr(header, "{key+}"), Body: `{"url":"https://example.com/replay"}`, Status: 201, SaveBody: "first"},
		{Method: "POST", Path: "/v2/webhooks", Header: hdr(header, "{key}"), Body: `{"url":"https://example.com/replay"}`, Status: 201, SameBody: "first",
			WantHeader: hdr("Idempotent-Replayed", "true")},
	}
}
