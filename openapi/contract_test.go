package openapi

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// acme is a contract of the tests' own: {"error":{"code":...,"message":...,"hint":...}},
// with its own catalogue. It does not describe its body.
type acme struct{ cat *apierr.Catalogue }

var (
	acmeCatalogue = apierr.NewCatalogue("acme", nil)
	acmeNotFound  = acmeCatalogue.MustRegister(apierr.Spec{ID: "NOT_FOUND", Status: 404, Message: "Not found"})
	acmeOops      = acmeCatalogue.MustRegister(apierr.Spec{ID: "oops.internal", Status: 500, Message: "Oops"})
	acmeTooMany   = acmeCatalogue.MustRegister(apierr.Spec{ID: "SLOW_DOWN", Status: 429, Message: "Slow down", Extension: true, Description: "Rate limited."})

	acmeContract apierr.Contract = acme{acmeCatalogue}
	// acmeDescribed is acme with schemas that use 3.1-only forms.
	acmeDescribed apierr.Contract = acmeSchemas{acme{acmeCatalogue}}
)

func (acme) Name() string                             { return "acme-pay" }
func (acme) ContentType() string                      { return "application/vnd.acme+json" }
func (a acme) Catalogue() *apierr.Catalogue           { return a.cat }
func (acme) Parse(int, []byte) (*apierr.Error, error) { return nil, errors.New("not parsed") }

func (acme) Code(c apierr.Condition) apierr.Code {
	switch c {
	case apierr.NotFound:
		return acmeNotFound
	case apierr.RateLimited:
		return acmeTooMany
	}
	return acmeOops
}

func (acme) AppendBody(dst []byte, b apierr.Body) ([]byte, error) {
	dst = append(dst, `{"error":{"code":`...)
	dst = kit.AppendString(dst, b.ID)
	dst = append(dst, `,"message":`...)
	dst = kit.AppendString(dst, b.Message)
	if b.Status == http.StatusNotFound {
		dst = append(dst, `,"hint":null`...)
	} else {
		dst = append(dst, `,"hint":"retry in `+strconv.Itoa(b.Status)+`"`...)
	}
	return append(dst, `}}`...), nil
}

type acmeSchemas struct{ acme }

func (acmeSchemas) ErrorSchemas() (string, map[string][]byte) {
	return "AcmeError", map[string][]byte{
		"AcmeError": []byte(`{"type":"object","required":["error"],"properties":{"error":{"$ref":"#/components/schemas/AcmeErrorInner","description":"ignored by 3.0"}},
			"examples":[{"error":{"code":"NOT_FOUND","message":"Not found","hint":null}}]}`),
		"AcmeErrorInner": []byte(`{"type":"object","required":["code","message"],"additionalProperties":false,"properties":{
			"code":{"type":"string","examples":["NOT_FOUND","SLOW_DOWN"]},
			"message":{"type":"string"},
			"hint":{"type":["string","null"],"description":"A hint, or null."}}}`),
	}
}
