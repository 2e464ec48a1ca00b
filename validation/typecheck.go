package validation

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/jsonbody"
)

// typeChecker walks a JSON body that failed to decode against the Go type
// it was decoded into, and lists every value of the wrong type (and every
// unknown field, if banned) by the path the client sent: encoding/json
// stops at the first and names it without indices or map keys.
type typeChecker struct {
	disallowUnknown bool
	fields          []apierr.FieldError // the first MaxFieldErrors
	more            int                 // those found beyond them
}

func (c *typeChecker) add(f apierr.FieldError) {
	if len(c.fields) < MaxFieldErrors {
		c.fields = append(c.fields, f)
	} else {
		c.more++
	}
}

// result is the list of field errors, cut at MaxFieldErrors.
func (c *typeChecker) result() []apierr.FieldError { return capFields(c.fields, c.more) }

var timeType = reflect.TypeFor[time.Time]()

// check checks raw, one valid JSON value, against t.
func (c *typeChecker) check(raw []byte, t reflect.Type, path string) {
	if len(raw) == 0 || raw[0] == 'n' {
		return // null leaves any value as it is
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(jsonUnmarshalerType) {
		if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
			c.add(formatField(path, t))
		}
		return
	}
	switch raw[0] {
	case '{':
		switch t.Kind() {
		case reflect.Struct:
			c.object(raw, path, func(key string) (reflect.Type, string, bool) {
				f, ok := structFields(t).find(key)
				if !ok {
					return nil, "", false
				}
				if f.quoted {
					return nil, joinKey(path, key), true // a ",string" field: left to encoding/json
				}
				return f.typ, joinKey(path, key), true
			})
			return
		case reflect.Map:
			kt := t.Key()
			if kt.Kind() != reflect.String && !reflect.PointerTo(kt).Implements(textUnmarshalerType) && !isInteger(kt.Kind()) {
				break
			}
			c.object(raw, path, func(key string) (reflect.Type, string, bool) {
				p := jsonbody.ClipPath(path + "[" + jsonbody.ClipKey(key) + "]")
				if !validMapKey(kt, key) {
					c.add(apierr.FieldError{Field: p, Rule: "type", Param: "integer", Message: p + " has a key that is not an integer"})
					return nil, "", true
				}
				return t.Elem(), p, true
			})
			return
		case reflect.Interface:
			return
		}
	case '[':
		switch t.Kind() {
		case reflect.Slice, reflect.Array:
			dec := json.NewDecoder(bytes.NewReader(raw))
			_, _ = dec.Token()
			for i := 0; dec.More(); i++ {
				var v json.RawMessage
				if dec.Decode(&v) != nil {
					return
				}
				c.check(v, t.Elem(), jsonbody.ClipPath(path+"["+strconv.Itoa(i)+"]"))
			}
			return
		case reflect.Interface:
			return
		}
	case '"':
		switch {
		case reflect.PointerTo(t).Implements(textUnmarshalerType):
			var s string
			if json.Unmarshal(raw, &s) == nil {
				if err := reflect.New(t).Interface().(interface{ UnmarshalText([]byte) error }).UnmarshalText([]byte(s)); err != nil {
					c.add(formatField(path, t))
				}
			}
			return
		case t.Kind() == reflect.String, t.Kind() == reflect.Interface:
			return
		case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
			var s string
			if json.Unmarshal(raw, &s) == nil {
				if _, err := base64.StdEncoding.DecodeString(s); err != nil {
					c.add(apierr.FieldError{Field: path, Rule: "type", Param: "string", Message: fieldName(path) + " must be a Base64 string"})
				}
			}
			return
		}
	case 't', 'f':
		if t.Kind() == reflect.Bool || t.Kind() == reflect.Interface {
			return
		}
	default: // a number
		switch k := t.Kind(); {
		case k == reflect.Interface:
			return
		case k >= reflect.Int && k <= reflect.Int64:
			if _, err := strconv.ParseInt(string(raw), 10, t.Bits()); err != nil {
				c.add(jsonbody.TypeField(path, "number "+string(raw), t))
			}
			return
		case k >= reflect.Uint && k <= reflect.Uintptr:
			if _, err := strconv.ParseUint(string(raw), 10, t.Bits()); err != nil {
				c.add(jsonbody.TypeField(path, "number "+string(raw), t))
			}
			return
		case k == reflect.Float32 || k == reflect.Float64:
			if _, err := strconv.ParseFloat(string(raw), t.Bits()); err != nil {
				c.add(apierr.FieldError{Field: path, Rule: "type", Param: "number", Message: fieldName(path) + " is out of range for a number field"})
			}
			return
		}
	}
	c.add(jsonbody.TypeField(path, "", t))
}

// object checks the members of a JSON object; member returns the type of a
// key's value and its path, or false for an unknown key.
func (c *typeChecker) object(raw []byte, path string, member func(key string) (reflect.Type, string, bool)) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	_, _ = dec.Token()
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if dec.Decode(&v) != nil {
			return
		}
		t, p, ok := member(key)
		switch {
		case !ok:
			if c.disallowUnknown {
				c.add(jsonbody.UnknownField(joinKey(path, key)))
			}
		case t != nil:
			c.check(v, t, p)
		}
	}
}

// joinKey is the path of member key of the object at path, the key cut
// to MaxKeyBytes.
func joinKey(path, key string) string {
	if path == "" {
		return jsonbody.ClipKey(key)
	}
	return jsonbody.ClipPath(path + "." + jsonbody.ClipKey(key))
}

func fieldName(path string) string {
	if path == "" {
		return "request body"
	}
	return path
}

// validMapKey reports whether encoding/json takes key for a map of key
// type kt: integer kinds parse it (unless kt decodes text itself).
func validMapKey(kt reflect.Type, key string) bool {
	if kt.Kind() == reflect.String || reflect.PointerTo(kt).Implements(textUnmarshalerType) {
		return true
	}
	var err error
	if k := kt.Kind(); k >= reflect.Int && k <= reflect.Int64 {
		_, err = strconv.ParseInt(key, 10, kt.Bits())
	} else {
		_, err = strconv.ParseUint(key, 10, kt.Bits())
	}
	return err == nil
}

func isInteger(k reflect.Kind) bool { return k >= reflect.Int && k <= reflect.Uintptr }

// formatField is the field error of a value its type's own decoder refused.
func formatField(path string, t reflect.Type) apierr.FieldError {
	if t == timeType {
		return apierr.FieldError{Field: path, Rule: "type", Param: "date-time", Message: fieldName(path) + " must be a date-time (RFC 3339)"}
	}
	return apierr.FieldError{Field: path, Rule: "type", Message: fieldName(path) + " has an invalid value"}
}

// A jsonField is a struct field as encoding/json sees it.
type jsonField struct {
	name   string
	typ    reflect.Type
	quoted bool // the ",string" option
}

type fieldSet struct {
	byName map[string]jsonField
	fold   map[string]jsonField // by lower-case name, the first of each
}

func (s *fieldSet) find(key string) (jsonField, bool) {
	if f, ok := s.byName[key]; ok {
		return f, true
	}
	f, ok := s.fold[strings.ToLower(key)]
	return f, ok
}

var fieldCache sync.Map // reflect.Type -> *fieldSet

// structFields lists t's JSON fields, embedded structs' flattened, the
// shallower of two fields of one name first.
func structFields(t reflect.Type) *fieldSet {
	if s, ok := fieldCache.Load(t); ok {
		return s.(*fieldSet)
	}
	s := &fieldSet{byName: map[string]jsonField{}, fold: map[string]jsonField{}}
	type level struct {
		t     reflect.Type
		depth int
	}
	queue := []level{{t, 0}}
	seen := map[reflect.Type]bool{}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if seen[cur.t] || cur.depth > 16 {
			continue
		}
		seen[cur.t] = true
		for i := 0; i < cur.t.NumField(); i++ {
			sf := cur.t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			ft := sf.Type
			if sf.Anonymous && name == "" {
				et := ft
				if et.Kind() == reflect.Pointer {
					et = et.Elem()
				}
				if et.Kind() == reflect.Struct {
					queue = append(queue, level{et, cur.depth + 1})
					continue
				}
			}
			if !sf.IsExported() {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			f := jsonField{name: name, typ: ft, quoted: strings.Contains(","+opts+",", ",string,")}
			if _, dup := s.byName[name]; !dup {
				s.byName[name] = f
			}
			if _, dup := s.fold[strings.ToLower(name)]; !dup {
				s.fold[strings.ToLower(name)] = f
			}
		}
	}
	actual, _ := fieldCache.LoadOrStore(t, s)
	return actual.(*fieldSet)
}
