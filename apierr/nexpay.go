package apierr

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/errkit/errkit/apierr/internal/contracts"
	"github.com/errkit/errkit/apierr/internal/wire"
)

// nexpayContract is the Nexpay v2 contract; [Nexpay] is its one value.
type nexpayContract struct {
	cat   *Catalogue
	codes [numConditions]Code
	// pre holds, indexed by code, the static part of the body of each code
	// of codes.txt: up to the opening quote of the timestamp.
	pre [][]byte
}

// nexpay is built while the package initialises, before any other package
// can register a code, so the constants of codes_gen.go are its indices.
var nexpay = newNexpay()

// Nexpay is the Nexpay v2 contract, errkit's default:
//
//	{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}
//
// with "details" (an object) when the error has details or field errors;
// field errors go to details.fields. It also has the method
// ErrorSchemas() (body string, schemas map[string][]byte), the JSON Schemas
// the openapi package builds error responses from.
var Nexpay Contract = nexpay

func newNexpay() *nexpayContract {
	if registry.Load() == nil {
		registry.Store(&[]*codeDef{unknownDef})
	}
	cat := NewCatalogue("nexpay", checkNexpayID)
	cat.checkPrefix, cat.bracketed = checkNexpayPrefix, true
	c := &nexpayContract{cat: cat, codes: nexpayConditions, pre: make([][]byte, len(nexpaySpecs)+1)}
	for _, m := range nexpayModules {
		if err := cat.AddModule(m); err != nil {
			panic(err)
		}
	}
	for i, s := range nexpaySpecs {
		code := cat.MustRegister(s)
		if code != nexpayConstants[i] {
			panic(fmt.Sprintf("apierr: %s registered as %d, constant is %d", s.ID, code, nexpayConstants[i]))
		}
		c.pre[code] = appendNexpayHead(nil, s.Status, s.ID, s.Message)
	}
	contracts.Register(cat, Contract(c))
	return c
}

// nexpayConditions are the codes Nexpay v2 answers the conditions with.
var nexpayConditions = [numConditions]Code{
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

var (
	errNexpayID     = errors.New("a Nexpay code is 3 capital letters and 4 digits, like PAY0001")
	errNexpayPrefix = errors.New("a Nexpay module prefix is 3 capital letters, like PAY")
)

func checkNexpayPrefix(p string) error {
	if len(p) != 3 {
		return errNexpayPrefix
	}
	for i := 0; i < 3; i++ {
		if p[i] < 'A' || p[i] > 'Z' {
			return errNexpayPrefix
		}
	}
	return nil
}

func checkNexpayID(id string) error {
	if len(id) != 7 || checkNexpayPrefix(id[:3]) != nil {
		return errNexpayID
	}
	for i := 3; i < 7; i++ {
		if id[i] < '0' || id[i] > '9' {
			return errNexpayID
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
func (c *nexpayContract) Name() string { return c.cat.Name() }

// ContentType returns "application/json; charset=utf-8".
func (*nexpayContract) ContentType() string { return wire.JSONContentType }

// Catalogue returns the Nexpay v2 catalogue.
func (c *nexpayContract) Catalogue() *Catalogue { return c.cat }

// Code returns the code that answers cond.
func (c *nexpayContract) Code(cond Condition) Code {
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
	dst = wire.AppendEscaped(dst, id)
	dst = append(dst, `]","message":"[`...)
	dst = wire.AppendEscaped(dst, id)
	dst = append(dst, "] "...)
	dst = wire.AppendEscaped(dst, message)
	return append(dst, `","timestamp":"`...)
}

// AppendBody appends the Nexpay v2 body of b: the code in brackets, the
// message after it, the timestamp, and details (the field errors under
// details.fields) when there are any.
func (c *nexpayContract) AppendBody(dst []byte, b Body) ([]byte, error) {
	if int(b.Code) < len(c.pre) && b.Code != 0 && b.ID == b.Code.ID() && b.Status == b.Code.Status() && b.Message == b.Code.Message() {
		dst = append(dst, c.pre[b.Code]...)
	} else {
		dst = appendNexpayHead(dst, b.Status, b.ID, b.Message)
	}
	dst = wire.AppendTimestamp(dst, b.Time)
	dst = append(dst, '"')
	if len(b.Details) > 0 || len(b.Fields) > 0 {
		dst = append(dst, `,"details":`...)
		var err error
		if dst, err = b.AppendDetails(dst); err != nil {
			return dst, fmt.Errorf("apierr: %w", err)
		}
	}
	return append(dst, '}'), nil
}

// MarshalJSON renders the error as the contract of its catalogue would,
// without a request: the Nexpay v2 body for Nexpay codes (and for codes of
// a catalogue no contract registered).
func (e *Error) MarshalJSON() ([]byte, error) {
	c, _ := contracts.Of(e.Catalogue()).(Contract)
	return AppendBody(nil, c, e, Meta{})
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
