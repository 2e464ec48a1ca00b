package sandbox

import (
	_ "embed"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
	"github.com/errkit/errkit/openapi"
	"github.com/getkin/kin-openapi/openapi3"
)

// baseSpec is the API without its errors: routes, parameters, bodies,
// success responses and security, each operation naming in x-errkit-codes
// the Nexpay v2 codes its handler returns.
//
//go:embed openapi.yaml
var baseSpec []byte

// BaseSpec returns the sandbox's spec before errkit merges its errors in.
func BaseSpec() []byte { return baseSpec }

// Document returns the sandbox's OpenAPI 3.1 document as it answers in d's
// contract, its clients authenticating in mode ([AuthAPIKey], the default
// when empty, or [AuthSigned], as -auth says): the base spec with every
// error response merged in by errkit, the Nexpay v2 codes of
// x-errkit-codes recoded as d's classifier recodes them. In signed mode the operations under /v2
// are secured by the contract's own scheme ([SchemeOf]) instead of the API
// key, and document the codes its failures are answered with.
func (d Dialect) Document(mode string) (*openapi3.T, error) {
	doc, err := openapi.Load(baseSpec)
	if err != nil {
		return nil, err
	}
	var scheme Scheme
	switch mode {
	case AuthAPIKey, "":
	case AuthSigned:
		scheme = SchemeOf(d.Contract.Name())
		describeSigned(doc, d.Contract.Name(), scheme)
	default:
		return nil, fmt.Errorf("unknown -auth mode %q (want %s or %s)", mode, AuthAPIKey, AuthSigned)
	}
	err = openapi.Merge(doc, d.Contract,
		openapi.WithLookup(apierr.Nexpay.Catalogue().Lookup),
		openapi.WithRecode(func(c apierr.Code) apierr.Code { return d.Recode(c, true) }))
	if err != nil {
		return nil, err
	}
	if mode == AuthSigned {
		if err := documentAuthFailures(doc, d.Contract, scheme); err != nil {
			return nil, err
		}
	}
	if status := IdempotencyConfig(d.Contract).ReplayStatus; status != 0 {
		documentReplays(doc, status)
	}
	if err := openapi.Validate(doc); err != nil {
		return nil, err
	}
	return doc, nil
}

// The security schemes of signed mode, by their names in the document.
const (
	schemeSignedKey       = "apiKeyHeader"
	schemeSignedNonce     = "nonce"
	schemeSignedTimestamp = "timestamp"
	schemeSignedSignature = "signature"
	schemeSignedBasic     = "basicAuth"
)

// describeSigned replaces, in the base spec doc, the API key scheme of
// the operations under /v2 with the signed scheme s of the contract named
// name: its headers, all required together, or Basic credentials.
func describeSigned(doc *openapi3.T, name string, s Scheme) {
	schemes := doc.Components.SecuritySchemes
	delete(schemes, "apiKey")
	req := openapi3.SecurityRequirement{}
	add := func(key string, scheme *openapi3.SecurityScheme) {
		schemes[key] = &openapi3.SecuritySchemeRef{Value: scheme}
		req[key] = []string{}
	}
	if s.Basic {
		add(schemeSignedBasic, openapi3.NewSecurityScheme().WithType("http").WithScheme("basic").
			WithDescription(`"Authorization: Basic base64(key:secret)": the API key (pk_test_sandbox by default) and its secret (`+DemoAPISecret+` by default).`))
	} else {
		header := func(h, description string) *openapi3.SecurityScheme {
			return openapi3.NewSecurityScheme().WithType("apiKey").WithIn("header").WithName(h).WithDescription(description)
		}
		add(schemeSignedKey, header(s.Headers.Key, "The API key (pk_test_sandbox by default)."))
		if s.Headers.Nonce != "" {
			add(schemeSignedNonce, header(s.Headers.Nonce, "A decimal integer from 1 to 2^53-1, greater than the last one the key sent."))
		}
		if s.Headers.Timestamp != "" {
			add(schemeSignedTimestamp, header(s.Headers.Timestamp, "The time of the request in Unix seconds, within 300 seconds of the server's clock."))
		}
		add(schemeSignedSignature, header(s.Headers.Signature, "The hex "+signs(name)+", keyed with the key's secret ("+DemoAPISecret+" by default)."))
	}
	doc.Security = openapi3.SecurityRequirements{req}
}

// signs says what the signature of the contract named name is, as
// [SchemeOf] computes it.
func signs(name string) string {
	switch name {
	case "nexpay-legacy":
		return "HMAC-SHA512 of nonce + method + request URI + body"
	case "payout":
		return "HMAC-SHA256 of timestamp + body"
	}
	return "HMAC-SHA256 of timestamp + method + request URI + body"
}

// signedFailures are the authentication failures scheme s can answer in
// the sandbox, whose one key is active and may call every operation: what is
// missing, malformed or wrong in the request, never a key's state or
// permission.
func signedFailures(s Scheme) []apierr.AuthFailure {
	if s.Basic {
		return []apierr.AuthFailure{apierr.AuthKeyMissing, apierr.AuthCredentialsMalformed, apierr.AuthKeyInvalid, apierr.AuthSecretInvalid}
	}
	out := []apierr.AuthFailure{apierr.AuthKeyMissing, apierr.AuthSignatureMissing, apierr.AuthKeyInvalid, apierr.AuthSignatureInvalid}
	if s.Headers.Nonce != "" {
		out = append(out, apierr.AuthNonceMissing, apierr.AuthNonceInvalid, apierr.AuthNonceReused)
	}
	if s.Headers.Timestamp != "" {
		out = append(out, apierr.AuthTimestampMissing, apierr.AuthTimestampInvalid, apierr.AuthTimestampExpired)
	}
	return out
}

// documentAuthFailures adds to every operation of the merged doc that the
// signed scheme secures (those of the document's own security) the codes
// contract c answers the scheme's failures with, beside the codes the
// merge documented on it.
func documentAuthFailures(doc *openapi3.T, c apierr.Contract, s Scheme) error {
	var auth []apierr.Code
	for _, f := range signedFailures(s) {
		if code := kit.AuthCode(c, f); !slices.Contains(auth, code) {
			auth = append(auth, code)
		}
	}
	// The merge kept the examples of the codes the spec names; the
	// responses refer to the others' too.
	comp, err := openapi.Components(c, openapi.V31)
	if err != nil {
		return err
	}
	for _, code := range auth {
		if name := openapi.ExampleName(c, code); doc.Components.Examples[name] == nil {
			doc.Components.Examples[name] = comp.Examples[name]
		}
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		for method, op := range doc.Paths.Value(path).Operations() {
			if op.Security != nil {
				continue // its own scheme: none, or the admin token
			}
			var codes []apierr.Code
			for _, key := range slices.Sorted(maps.Keys(op.Responses.Map())) {
				r := op.Responses.Value(key)
				if r == nil || r.Value == nil || r.Value.Extensions[openapi.Marker] == nil {
					continue
				}
				for _, mt := range r.Value.Content {
					for _, id := range slices.Sorted(maps.Keys(mt.Examples)) {
						code, ok := c.Catalogue().Lookup(id)
						if !ok {
							return fmt.Errorf("%s %s: %s is not a code of %s", method, path, id, c.Name())
						}
						if !slices.Contains(codes, code) {
							codes = append(codes, code)
						}
					}
				}
			}
			for _, code := range auth {
				if !slices.Contains(codes, code) {
					codes = append(codes, code)
				}
			}
			if err := openapi.AddResponses(doc, op, c, codes...); err != nil {
				return fmt.Errorf("%s %s: %w", method, path, err)
			}
		}
	}
	return nil
}

// documentReplays adds to every create behind the idempotency middleware
// (an operation taking the IdempotencyKey parameter) the status a repeat
// is replayed with, when the contract's preset has one of its own (the
// Payout API's 200 "already exists"): the create's 201, as it was sent.
func documentReplays(doc *openapi3.T, status int) {
	code := strconv.Itoa(status)
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			created := op.Responses.Value("201")
			if created == nil || created.Value == nil || op.Responses.Value(code) != nil || !idempotent(op) {
				continue
			}
			replay := *created.Value
			desc := "Already exists: the first answer, replayed."
			replay.Description = &desc
			op.Responses.Set(code, &openapi3.ResponseRef{Value: &replay})
		}
	}
}

// idempotent reports whether op takes the IdempotencyKey parameter.
func idempotent(op *openapi3.Operation) bool {
	for _, p := range op.Parameters {
		if p != nil && strings.HasSuffix(p.Ref, "/IdempotencyKey") {
			return true
		}
	}
	return false
}

// DocumentHandler serves [Dialect.Document] of the -auth mode at GET
// /openapi.json and /openapi.yaml.
func (d Dialect) DocumentHandler(mode string) (http.Handler, error) {
	doc, err := d.Document(mode)
	if err != nil {
		return nil, err
	}
	return openapi.Handler(doc)
}
