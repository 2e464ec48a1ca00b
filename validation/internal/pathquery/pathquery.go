// Package pathquery binds a request's path and query parameters as echo's
// binders do, for the echo v4 and v5 binders of package validation.
package pathquery

import (
	"errors"
	"net/http"
	"net/url"
	"reflect"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/validation"
)

// Bind binds the path parameters (fields tagged `param`, read by param)
// and, for GET, DELETE and HEAD, the query parameters of r into i; every
// parameter that does not parse is reported at once, in one
// [apierr.BadRequest] condition. A destination that is not a pointer to a
// struct is left alone.
func Bind(r *http.Request, param func(string) string, query func() url.Values, i any) error {
	t := reflect.TypeOf(i)
	if t == nil || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return nil
	}
	var fields []apierr.FieldError
	collect := func(err error) error {
		var ce *apierr.ConditionError
		if errors.As(err, &ce) && ce.Condition == apierr.BadRequest {
			fields = append(fields, ce.Fields...)
			return nil
		}
		return err
	}
	err := validation.BindTag(validation.InPath, "param", func(name string) []string {
		if v := param(name); v != "" {
			return []string{v}
		}
		return nil
	}, i)
	if err = collect(err); err != nil {
		return err
	}
	switch r.Method {
	case http.MethodGet, http.MethodDelete, http.MethodHead:
		q := query()
		err = validation.BindParams(validation.InQuery, func(name string) []string { return q[name] }, i)
		if err = collect(err); err != nil {
			return err
		}
	}
	if len(fields) > 0 {
		return &apierr.ConditionError{Condition: apierr.BadRequest, Fields: fields}
	}
	return nil
}
