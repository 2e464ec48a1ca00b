package echovalidation

import (
	"errors"
	"github.com/errkit/errkit/validation/internal/pathquery"
	"io"
	"mime"
	"net/http"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/validation"
	"github.com/labstack/echo/v4"
)

// A *validation.Validator is echo's Validator as it is.
var _ echo.Validator = (*validation.Validator)(nil)

// A Binder is an echo.Binder whose failures are [*apierr.ConditionError]
// values, rendered by errkit's echo middleware in the server's contract. It
// binds as echo's DefaultBinder does, in order: path parameters (fields
// tagged `param:"id"`), query parameters (`query:"limit"`, for GET, DELETE
// and HEAD only), then the body. A JSON body goes through
// [validation.DecodeJSON] (size and depth limits, every bad value listed
// by its JSON path). Any other body is [apierr.UnsupportedMediaType]
// unless AllowForm or AllowXML lets echo's DefaultBinder bind it.
type Binder struct {
	// Decode holds the options of the JSON body: limits, unknown fields.
	Decode []validation.DecodeOption
	// Validator, if set, validates the value once bound, so that Bind
	// alone checks a request. Otherwise call c.Validate.
	Validator *validation.Validator
	// AllowEmptyBody lets POST, PUT and PATCH requests come without a
	// body; by default an empty body is a [apierr.BadRequest].
	AllowEmptyBody bool
	// AllowForm binds application/x-www-form-urlencoded and
	// multipart/form-data bodies (fields tagged `form:"name"`) with echo's
	// DefaultBinder; by default they are [apierr.UnsupportedMediaType].
	AllowForm bool
	// AllowXML binds application/xml and text/xml bodies with echo's
	// DefaultBinder; by default they are [apierr.UnsupportedMediaType].
	AllowXML bool
}

// NewBinder returns a Binder with the given JSON body options: it binds
// JSON bodies only; set AllowForm or AllowXML for the others.
func NewBinder(opts ...validation.DecodeOption) *Binder {
	return &Binder{Decode: opts}
}

// Bind binds the request of c into i, a pointer.
func (b *Binder) Bind(i any, c echo.Context) error {
	if err := b.BindParams(c, i); err != nil {
		return err
	}
	if err := b.BindBody(c, i); err != nil {
		return err
	}
	if b.Validator != nil {
		return b.Validator.ValidateRequest(c.Request(), i)
	}
	return nil
}

// BindParams binds the path parameters and, for GET, DELETE and HEAD, the
// query parameters of c into i; every parameter that does not parse is
// reported at once. A destination that is not a pointer to a struct is
// left alone.
func (b *Binder) BindParams(c echo.Context, i any) error {
	return pathquery.Bind(c.Request(), c.Param, c.QueryParams, i)
}

// BindBody binds the body of c into i.
func (b *Binder) BindBody(c echo.Context, i any) error {
	r := c.Request()
	if r.ContentLength == 0 {
		switch r.Method {
		case http.MethodPost, http.MethodPut, http.MethodPatch:
			if !b.AllowEmptyBody {
				return validation.DecodeError(io.EOF)
			}
		}
		return nil
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType))
	if !b.allowed(mt) {
		// JSON, or refused by DecodeJSON's check of the Content-Type.
		opts := append(b.Decode[:len(b.Decode):len(b.Decode)], validation.WithValidator(nil))
		return validation.DecodeJSON(r, i, opts...)
	}
	err := (&echo.DefaultBinder{}).BindBody(c, i)
	if err == nil {
		return nil
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		switch he.Code {
		case http.StatusUnsupportedMediaType:
			return &apierr.ConditionError{Condition: apierr.UnsupportedMediaType, Cause: err}
		case http.StatusRequestEntityTooLarge:
			return &apierr.ConditionError{Condition: apierr.TooLarge, Cause: err}
		}
		if he.Internal != nil {
			err = he.Internal
		}
	}
	return validation.DecodeError(err)
}

// allowed reports whether a body of media type mt goes to echo's
// DefaultBinder.
func (b *Binder) allowed(mt string) bool {
	switch mt {
	case echo.MIMEApplicationForm, echo.MIMEMultipartForm:
		return b.AllowForm
	case echo.MIMEApplicationXML, echo.MIMETextXML:
		return b.AllowXML
	}
	return false
}
