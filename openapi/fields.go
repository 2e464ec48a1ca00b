package openapi

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/jsonbody"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// schemaFields turns the schema errors in err into field errors. in and
// label are a parameter's location and name ("query parameter limit"), or
// "" for the body, whose fields are named by their JSON path.
func schemaFields(err error, in, label string) []apierr.FieldError {
	var leaves []*openapi3.SchemaError
	collect(err, &leaves)
	var out []apierr.FieldError
	for _, l := range leaves {
		out = append(out, leafFields(l, in, label)...)
	}
	return out
}

// collect gathers the schema errors of err that no other one explains.
func collect(err error, out *[]*openapi3.SchemaError) {
	var me openapi3.MultiError
	if errors.As(err, &me) {
		for _, e := range me {
			collect(e, out)
		}
		return
	}
	var se *openapi3.SchemaError
	if !errors.As(err, &se) {
		return
	}
	if se.Origin != nil && errors.As(se.Origin, &me) {
		collect(me, out)
		return
	}
	*out = append(*out, se)
}

// jsonPath writes a JSON pointer's tokens as the validation package writes
// a path: "items[0].amount".
func jsonPath(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		if _, err := strconv.Atoi(t); err == nil {
			b.WriteString("[" + t + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(t)
	}
	return b.String()
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// problem is one violation: the rule, its parameter and the end of the
// sentence after the field's name.
type problem struct {
	field, rule, param, says string
}

func leafFields(se *openapi3.SchemaError, in, label string) []apierr.FieldError {
	path := jsonPath(se.JSONPointer())
	var ps []problem
	var verr *jsonschema.ValidationError
	if errors.As(se, &verr) {
		ps = kindProblems(verr.ErrorKind, path)
	} else {
		ps = keywordProblems(se, path)
	}
	out := make([]apierr.FieldError, 0, len(ps))
	for _, p := range ps {
		// Paths repeat the client's member names: cut as the validation
		// package cuts them.
		p.field = jsonbody.ClipPath(p.field)
		name := p.field
		if label != "" {
			name = label
		} else if name == "" {
			name = "request body"
		}
		out = append(out, apierr.FieldError{Field: p.field, In: in, Rule: p.rule, Param: p.param, Message: name + " " + p.says})
	}
	return out
}

func rat(r *big.Rat) string {
	if r == nil {
		return ""
	}
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func typeSays(want string) string {
	switch want {
	case "":
		return "has the wrong type"
	case "integer", "array", "object":
		return "must be an " + want
	}
	return "must be a " + want
}

func firstType(ts []string) string {
	for _, t := range ts {
		if t != "null" {
			return t
		}
	}
	return ""
}

func list(vs []any) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, " ")
}

// kindProblems reads a JSON Schema 2020-12 error (OpenAPI 3.1 documents).
func kindProblems(k jsonschema.ErrorKind, path string) []problem {
	switch k := k.(type) {
	case *kind.Required:
		ps := make([]problem, len(k.Missing))
		for i, m := range k.Missing {
			ps[i] = problem{join(path, m), "required", "", "is required"}
		}
		return ps
	case *kind.AdditionalProperties:
		ps := make([]problem, len(k.Properties))
		for i, m := range k.Properties {
			ps[i] = problem{join(path, m), "unknown", "", "is not a known field"}
		}
		return ps
	case *kind.Type:
		t := firstType(k.Want)
		return []problem{{path, "type", t, typeSays(t)}}
	case *kind.Enum:
		return []problem{{path, "oneof", list(k.Want), "must be one of: " + list(k.Want)}}
	case *kind.Const:
		p := fmt.Sprint(k.Want)
		return []problem{{path, "eq", p, "must be equal to " + p}}
	case *kind.Format:
		return []problem{{path, k.Want, "", "must be a valid " + k.Want}}
	case *kind.MinLength:
		if k.Got == 0 {
			return []problem{emptyString(path)}
		}
		p := strconv.Itoa(k.Want)
		return []problem{{path, "min", p, "must be at least " + p + " characters long"}}
	case *kind.MaxLength:
		p := strconv.Itoa(k.Want)
		return []problem{{path, "max", p, "must be at most " + p + " characters long"}}
	case *kind.MinItems:
		p := strconv.Itoa(k.Want)
		return []problem{{path, "min", p, "must contain at least " + p + " items"}}
	case *kind.MaxItems:
		p := strconv.Itoa(k.Want)
		return []problem{{path, "max", p, "must contain at most " + p + " items"}}
	case *kind.Minimum:
		p := rat(k.Want)
		return []problem{{path, "min", p, "must be at least " + p}}
	case *kind.Maximum:
		p := rat(k.Want)
		return []problem{{path, "max", p, "must be at most " + p}}
	case *kind.ExclusiveMinimum:
		p := rat(k.Want)
		return []problem{{path, "gt", p, "must be greater than " + p}}
	case *kind.ExclusiveMaximum:
		p := rat(k.Want)
		return []problem{{path, "lt", p, "must be less than " + p}}
	case *kind.MultipleOf:
		p := rat(k.Want)
		return []problem{{path, "multipleOf", p, "must be a multiple of " + p}}
	case *kind.Pattern:
		return []problem{{path, "pattern", k.Want, "must match the pattern " + k.Want}}
	case *kind.UniqueItems:
		return []problem{{path, "unique", "", "must contain unique values"}}
	case *kind.FalseSchema:
		return []problem{{path, "unknown", "", "is not a known field"}}
	}
	rule := "invalid"
	if kw := k.KeywordPath(); len(kw) > 0 {
		rule = kw[len(kw)-1]
	}
	return []problem{{path, rule, "", "is invalid"}}
}

// emptyString is an empty string where the schema wants one at least a
// character long: the validation package's "required", which a Go struct
// cannot tell from a missing member.
func emptyString(path string) problem {
	return problem{path, "required", "", "is required"}
}

var missingRe = regexp.MustCompile(`^property "(.*)" is missing$`)

// keywordProblems reads an error of kin-openapi's own validator (OpenAPI
// 3.0 documents).
func keywordProblems(se *openapi3.SchemaError, path string) []problem {
	s := se.Schema
	if s == nil {
		s = &openapi3.Schema{}
	}
	num := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	switch se.SchemaField {
	case "required":
		if m := missingRe.FindStringSubmatch(se.Reason); m != nil && !strings.HasSuffix(path, m[1]) {
			path = join(path, m[1])
		}
		return []problem{{path, "required", "", "is required"}}
	case "additionalProperties":
		return []problem{{path, "unknown", "", "is not a known field"}}
	case "type", "nullable":
		t := ""
		if s.Type != nil {
			t = firstType(s.Type.Slice())
		}
		return []problem{{path, "type", t, typeSays(t)}}
	case "enum":
		return []problem{{path, "oneof", list(s.Enum), "must be one of: " + list(s.Enum)}}
	case "format":
		return []problem{{path, s.Format, "", "must be a valid " + s.Format}}
	case "minLength":
		if v, ok := se.Value.(string); ok && v == "" {
			return []problem{emptyString(path)}
		}
		p := strconv.FormatUint(s.MinLength, 10)
		return []problem{{path, "min", p, "must be at least " + p + " characters long"}}
	case "maxLength":
		p := ""
		if s.MaxLength != nil {
			p = strconv.FormatUint(*s.MaxLength, 10)
		}
		return []problem{{path, "max", p, "must be at most " + p + " characters long"}}
	case "minItems":
		p := strconv.FormatUint(s.MinItems, 10)
		return []problem{{path, "min", p, "must contain at least " + p + " items"}}
	case "maxItems":
		p := ""
		if s.MaxItems != nil {
			p = strconv.FormatUint(*s.MaxItems, 10)
		}
		return []problem{{path, "max", p, "must contain at most " + p + " items"}}
	case "minimum":
		p := num(s.Min)
		if s.ExclusiveMin.IsTrue() {
			return []problem{{path, "gt", p, "must be greater than " + p}}
		}
		return []problem{{path, "min", p, "must be at least " + p}}
	case "maximum":
		p := num(s.Max)
		if s.ExclusiveMax.IsTrue() {
			return []problem{{path, "lt", p, "must be less than " + p}}
		}
		return []problem{{path, "max", p, "must be at most " + p}}
	case "pattern":
		return []problem{{path, "pattern", s.Pattern, "must match the pattern " + s.Pattern}}
	case "uniqueItems":
		return []problem{{path, "unique", "", "must contain unique values"}}
	}
	rule := se.SchemaField
	if rule == "" {
		rule = "invalid"
	}
	return []problem{{path, rule, "", "is invalid"}}
}
