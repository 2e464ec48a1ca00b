package validation

import (
	"encoding"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/errkit/errkit/apierr"
)

// Where a parameter is sent: the values of [apierr.FieldError.In] and the
// struct tags [BindParams] reads.
const (
	InQuery  = "query"
	InPath   = "path"
	InHeader = "header"
)

// BindQuery sets the fields of dst (a pointer to a struct) tagged
// `query:"name"` from r's query string; see [BindParams].
func BindQuery(r *http.Request, dst any) error {
	q := r.URL.Query()
	return BindParams(InQuery, func(name string) []string { return q[name] }, dst)
}

// BindPath sets the fields of dst tagged `path:"name"` from the path
// values of net/http's ServeMux patterns (r.PathValue); see [BindParams].
func BindPath(r *http.Request, dst any) error {
	return BindParams(InPath, func(name string) []string {
		if v := r.PathValue(name); v != "" {
			return []string{v}
		}
		return nil
	}, dst)
}

// BindHeader sets the fields of dst tagged `header:"Name"` from r's
// headers; see [BindParams].
func BindHeader(r *http.Request, dst any) error {
	return BindParams(InHeader, func(name string) []string { return r.Header.Values(name) }, dst)
}

// BindParams sets the fields of dst, a pointer to a struct, tagged
// `<in>:"name"` from the values lookup returns for the name: strings,
// booleans, integers, floats, encoding.TextUnmarshaler values, pointers to
// them, and slices of them (one element a value). Embedded structs are
// bound too. A parameter that is absent, or empty for a field that is not a
// string, leaves its field alone.
//
// Values that do not parse are all reported at once: an
// [*apierr.ConditionError] of [apierr.BadRequest] with a field error per
// parameter, In set to in ("query parameter limit must be an integer").
// For routers of their own, lookup reads their parameters:
//
//	validation.BindParams(validation.InPath, func(name string) []string {
//		return []string{chi.URLParam(r, name)}
//	}, &params)
func BindParams(in string, lookup func(name string) []string, dst any) error {
	return BindTag(in, in, lookup, dst)
}

// BindTag is [BindParams] for fields tagged with another name than in:
// echo's path parameters are tagged `param:"id"` and sent in the path.
func BindTag(in, tag string, lookup func(name string) []string, dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return &apierr.ConditionError{Condition: apierr.Internal, Message: "", Cause: errBindTarget}
	}
	var fields []apierr.FieldError
	bindStruct(in, tag, lookup, rv.Elem(), &fields, 0)
	if len(fields) > 0 {
		return &apierr.ConditionError{Condition: apierr.BadRequest, Fields: capFields(fields, 0)}
	}
	return nil
}

type bindError string

func (e bindError) Error() string { return string(e) }

const errBindTarget = bindError("validation: bind: the destination is not a pointer to a struct")

func bindStruct(in, tag string, lookup func(string) []string, v reflect.Value, fields *[]apierr.FieldError, depth int) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get(tag), ",")
		fv := v.Field(i)
		if name == "" || name == "-" {
			if sf.Anonymous && depth < 8 {
				if ft := sf.Type; ft.Kind() == reflect.Struct {
					bindStruct(in, tag, lookup, fv, fields, depth+1)
				} else if ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct && sf.IsExported() {
					if fv.IsNil() {
						fv.Set(reflect.New(ft.Elem()))
					}
					bindStruct(in, tag, lookup, fv.Elem(), fields, depth+1)
				}
			}
			continue
		}
		if !sf.IsExported() {
			continue
		}
		values := lookup(name)
		if len(values) == 0 {
			continue
		}
		if err := setParam(fv, values); err != nil {
			*fields = append(*fields, paramField(in, name, err.want))
		}
	}
}

// paramError is a value that does not parse as want ("integer").
type paramError struct{ want string }

func setParam(v reflect.Value, values []string) *paramError {
	if v.Kind() == reflect.Slice && v.Type().Elem().Kind() != reflect.Uint8 && !isText(v.Type()) {
		s := reflect.MakeSlice(v.Type(), 0, len(values))
		for _, x := range values {
			e := reflect.New(v.Type().Elem()).Elem()
			if err := setValue(e, x); err != nil {
				return err
			}
			s = reflect.Append(s, e)
		}
		v.Set(s)
		return nil
	}
	return setValue(v, values[0])
}

func isText(t reflect.Type) bool {
	return reflect.PointerTo(t).Implements(textUnmarshalerType)
}

func setValue(v reflect.Value, s string) *paramError {
	if v.Kind() == reflect.Pointer {
		if s == "" && v.Type().Elem().Kind() != reflect.String {
			return nil
		}
		p := reflect.New(v.Type().Elem())
		if err := setValue(p.Elem(), s); err != nil {
			return err
		}
		v.Set(p)
		return nil
	}
	if isText(v.Type()) {
		if s == "" {
			return nil
		}
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			if v.Type() == timeType {
				return &paramError{"date-time"}
			}
			return &paramError{""}
		}
		return nil
	}
	if s == "" && v.Kind() != reflect.String {
		return nil
	}
	switch k := v.Kind(); {
	case k == reflect.String:
		v.SetString(s)
	case k == reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return &paramError{"boolean"}
		}
		v.SetBool(b)
	case k >= reflect.Int && k <= reflect.Int64:
		n, err := strconv.ParseInt(s, 10, v.Type().Bits())
		if err != nil {
			return &paramError{"integer"}
		}
		v.SetInt(n)
	case k >= reflect.Uint && k <= reflect.Uintptr:
		n, err := strconv.ParseUint(s, 10, v.Type().Bits())
		if err != nil {
			return &paramError{"non-negative integer"}
		}
		v.SetUint(n)
	case k == reflect.Float32 || k == reflect.Float64:
		f, err := strconv.ParseFloat(s, v.Type().Bits())
		if err != nil {
			return &paramError{"number"}
		}
		v.SetFloat(f)
	case k == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8:
		v.SetBytes([]byte(s))
	default:
		return &paramError{""}
	}
	return nil
}

// paramField is the field error of a parameter that does not parse.
func paramField(in, name, want string) apierr.FieldError {
	f := apierr.FieldError{Field: name, In: in, Rule: "type", Param: want}
	switch want {
	case "":
		f.Message = in + " parameter " + name + " has an invalid value"
	case "integer":
		f.Message = in + " parameter " + name + " must be an integer"
	case "date-time":
		f.Message = in + " parameter " + name + " must be a date-time (RFC 3339)"
	default:
		f.Message = in + " parameter " + name + " must be a " + want
	}
	return f
}

// paramTags records, per struct type, which top-level fields are
// parameters: validation failures on them are reported with In set.
var paramTags sync.Map // reflect.Type -> map[string]string (JSON-path name -> in)

func paramsOf(t reflect.Type) map[string]string {
	if m, ok := paramTags.Load(t); ok {
		return m.(map[string]string)
	}
	var m map[string]string
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if in := paramIn(sf); in != "" {
			if m == nil {
				m = map[string]string{}
			}
			m[jsonName(sf)] = in
		}
	}
	actual, _ := paramTags.LoadOrStore(t, m)
	return actual.(map[string]string)
}

// paramTagNames are the tags that name a parameter, with where it is sent.
var paramTagNames = [...]struct{ tag, in string }{
	{InQuery, InQuery}, {InPath, InPath}, {"param", InPath}, {InHeader, InHeader},
}

// paramName returns the name a parameter tag gives f, and where it is sent.
func paramName(f reflect.StructField) (name, in string) {
	for _, p := range paramTagNames {
		if name, _, _ := strings.Cut(f.Tag.Get(p.tag), ","); name != "" && name != "-" {
			return name, p.in
		}
	}
	return "", ""
}

func paramIn(f reflect.StructField) string {
	_, in := paramName(f)
	return in
}
