package apierr

import (
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"
)

const (
	nexpayName = "nexpay"
	// JSONContentType is the Content-Type of Nexpay v2 error bodies.
	JSONContentType = "application/json; charset=utf-8"
)

// NexpayContract is the Nexpay v2 contract; [Nexpay] is its one value.
type NexpayContract struct {
	cat   *Catalogue
	codes [numConditions]Code
}

// nexpay is built while the package initialises, before any other package
// can register a code, so the constants of codes_gen.go are its indices.
var nexpay = newNexpay()

// Nexpay is the Nexpay v2 contract, errkit's default:
//
//	{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}
//
// with "details" (an object) when the error has details or field errors;
// field errors go to details.fields.
var Nexpay Contract = nexpay

func newNexpay() *NexpayContract {
	if registry.Load() == nil {
		registry.Store(&[]*codeDef{unknownDef})
	}
	cat := NewCatalogue(nexpayName, checkNexpayID)
	c := &NexpayContract{cat: cat}
	for _, m := range nexpayModules {
		if err := cat.AddModule(m); err != nil {
			panic(err)
		}
	}
	cat.render = func(d *codeDef) {
		m, ok := cat.module(d.ID[:3])
		if !ok {
			panic(fmt.Sprintf("module %s is not declared (see AddModule)", d.ID[:3]))
		}
		d.module = m
		d.errText = "[" + d.ID + "] " + d.Message
		d.pre = appendNexpayHead(nil, d.Status, d.ID, d.Message)
	}
	for i, s := range nexpaySpecs {
		code := cat.MustRegister(s)
		if code != nexpayConstants[i] {
			panic(fmt.Sprintf("apierr: %s registered as %d, constant is %d", s.ID, code, nexpayConstants[i]))
		}
	}
	c.codes = [numConditions]Code{
		Internal:             GEN9001,
		BadRequest:           GEN9002,
		Validation:           GEN9002,
		Unauthorized:         GEN9003,
		Forbidden:            GEN9004,
		NotFound:             GEN9404,
		MethodNotAllowed:     GEN9405,
		RequestTimeout:       GEN9408,
		Conflict:             GEN9409,
		TooLarge:             GEN9413,
		UnsupportedMediaType: GEN9415,
		IdempotencyMismatch:  GEN9422,
		RateLimited:          GEN9429,
		BadGateway:           GEN9502,
		Unavailable:          GEN9503,
		Maintenance:          GEN9013,
		Timeout:              GEN9504,
		InProgress:           GEN9409,
	}
	return c
}

func isPrefix(p string) bool {
	if len(p) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if p[i] < 'A' || p[i] > 'Z' {
			return false
		}
	}
	return true
}

func checkNexpayID(id string) error {
	if len(id) != 7 || !isPrefix(id[:3]) {
		return errors.New("a Nexpay code is 3 capital letters and 4 digits, like PAY0001")
	}
	for i := 3; i < 7; i++ {
		if id[i] < '0' || id[i] > '9' {
			return errors.New("a Nexpay code is 3 capital letters and 4 digits, like PAY0001")
		}
	}
	return nil
}

// Register adds a code to the Nexpay v2 catalogue, for a team's own codes:
//
//	var PAY0100 = apierr.MustRegister("PAY0100", 409, "Payment already settled")
//
// The ID must be 3 capital letters of a declared module (see
// [Catalogue.AddModule]) and 4 digits, the status 400-599, and the ID new.
func Register(id string, status int, message string) (Code, error) {
	return nexpay.cat.Register(Spec{ID: id, Status: status, Message: message})
}

// MustRegister is [Register] that panics on error; for package-level variables.
func MustRegister(id string, status int, message string) Code {
	code, err := Register(id, status, message)
	if err != nil {
		panic(err)
	}
	return code
}

// Name returns "nexpay".
func (*NexpayContract) Name() string { return nexpayName }

// ContentType returns [JSONContentType].
func (*NexpayContract) ContentType() string { return JSONContentType }

// Catalogue returns the Nexpay v2 catalogue.
func (c *NexpayContract) Catalogue() *Catalogue { return c.cat }

// Code returns the code that answers cond.
func (c *NexpayContract) Code(cond Condition) Code {
	if cond < numConditions {
		return c.codes[cond]
	}
	return GEN9001
}

// appendNexpayHead appends everything of a body before the timestamp's
// value; message is written after the bracketed code, in the same string.
func appendNexpayHead(dst []byte, status int, id, message string) []byte {
	dst = append(dst, `{"statusCode":`...)
	dst = strconv.AppendInt(dst, int64(status), 10)
	dst = append(dst, `,"code":"[`...)
	dst = appendStringInner(dst, id)
	dst = append(dst, `]","message":"[`...)
	dst = appendStringInner(dst, id)
	dst = append(dst, "] "...)
	dst = appendStringInner(dst, message)
	return append(dst, `","timestamp":"`...)
}

// AppendBody appends the Nexpay v2 body of b: the code in brackets, the
// message after it, the timestamp, and details (the field errors under
// details.fields) when there are any.
func (c *NexpayContract) AppendBody(dst []byte, b Body) ([]byte, error) {
	if d := b.Code.def(); d.pre != nil && b.ID == d.ID && b.Status == d.Status && b.Message == d.Message {
		dst = append(dst, d.pre...)
	} else {
		dst = appendNexpayHead(dst, b.Status, b.ID, b.Message)
	}
	dst = AppendTimestamp(dst, b.Time)
	dst = append(dst, '"')
	if len(b.Details) > 0 || len(b.Fields) > 0 {
		dst = append(dst, `,"details":{`...)
		n := 0
		for _, kv := range b.Details {
			if kv.Key == "fields" && len(b.Fields) > 0 {
				continue
			}
			if n > 0 {
				dst = append(dst, ',')
			}
			n++
			dst = AppendString(dst, kv.Key)
			dst = append(dst, ':')
			var err error
			if dst, err = AppendValue(dst, kv.Value); err != nil {
				return dst, fmt.Errorf("apierr: detail %q: %w", kv.Key, err)
			}
		}
		if len(b.Fields) > 0 {
			if n > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `"fields":`...)
			dst = AppendFields(dst, b.Fields)
		}
		dst = append(dst, '}')
	}
	return append(dst, '}'), nil
}

// MarshalJSON renders the error as its catalogue's contract would, without
// a request: the Nexpay v2 body for Nexpay codes.
func (e *Error) MarshalJSON() ([]byte, error) {
	return AppendBody(nil, contractOf(e), e, Meta{})
}

// UnmarshalJSON parses a Nexpay v2 body into e.
func (e *Error) UnmarshalJSON(data []byte) error {
	p, err := nexpay.Parse(0, data)
	if err != nil {
		return err
	}
	*e = *p
	return nil
}

// contracts maps a catalogue to its contract; written at initialisation,
// copied on write so that MarshalJSON reads it without a lock.
var contracts atomic.Pointer[map[*Catalogue]Contract]

// RegisterContract ties a catalogue to its contract, so that json.Marshal of
// an error of that catalogue renders that contract's body. Contract packages
// call it once, at initialisation.
func RegisterContract(c Contract) {
	registryMu.Lock()
	defer registryMu.Unlock()
	next := map[*Catalogue]Contract{c.Catalogue(): c}
	if old := contracts.Load(); old != nil {
		for k, v := range *old {
			if k != c.Catalogue() {
				next[k] = v
			}
		}
	}
	contracts.Store(&next)
}

func contractOf(e *Error) Contract {
	cat := e.def().cat
	if cat == nil || cat == nexpay.cat {
		return nexpay
	}
	if m := contracts.Load(); m != nil {
		if c := (*m)[cat]; c != nil {
			return c
		}
	}
	return nexpay
}
