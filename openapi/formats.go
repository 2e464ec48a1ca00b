package openapi

import (
	"errors"
	"net/url"

	"github.com/getkin/kin-openapi/openapi3"
)

// formats are the string formats a [Validator] asserts beyond
// kin-openapi's own (byte, date, date-time): those payment APIs use most.
// They are options of each check, not kin-openapi's global formats, so
// that a program's other documents are not affected.
var formats = map[string]openapi3.StringFormatValidator{
	"uuid":  openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForUUIDOfRFC9562),
	"email": openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail),
	"uri":   openapi3.NewCallbackValidator(validURI),
}

// validURI accepts an absolute URI: a scheme, and a host or a path.
func validURI(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if u.Scheme == "" || u.Host == "" && u.Opaque == "" && u.Path == "" {
		return errors.New("not an absolute URI")
	}
	return nil
}

// schemaOptions are the options every check validates with.
func schemaOptions() []openapi3.SchemaValidationOption {
	return []openapi3.SchemaValidationOption{openapi3.EnableFormatValidation(), openapi3.WithStringFormatValidators(formats)}
}
