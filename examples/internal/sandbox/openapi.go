package sandbox

import (
	_ "embed"
	"net/http"

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
	if err := openapi.Validate(doc); err != nil {
		return nil, err
	}
	return doc, nil
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
