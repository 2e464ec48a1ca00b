package sandbox

import (
	_ "embed"
	"net/http"
	"strconv"
	"strings"

	"github.com/errkit/errkit/apierr"
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
// contract: the base spec with every error response merged in by errkit,
// the Nexpay v2 codes of x-errkit-codes recoded as d's classifier recodes
// them.
func (d Dialect) Document() (*openapi3.T, error) {
	doc, err := openapi.Load(baseSpec)
	if err != nil {
		return nil, err
	}
	err = openapi.Merge(doc, d.Contract,
		openapi.WithLookup(apierr.Nexpay.Catalogue().Lookup),
		openapi.WithRecode(func(c apierr.Code) apierr.Code { return d.Recode(c, true) }))
	if err != nil {
		return nil, err
	}
	if status := IdempotencyConfig(d.Contract).ReplayStatus; status != 0 {
		documentReplays(doc, status)
	}
	if err := openapi.Validate(doc); err != nil {
		return nil, err
	}
	return doc, nil
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

// DocumentHandler serves [Dialect.Document] at GET /openapi.json and
// /openapi.yaml.
func (d Dialect) DocumentHandler() (http.Handler, error) {
	doc, err := d.Document()
	if err != nil {
		return nil, err
	}
	return openapi.Handler(doc)
}
