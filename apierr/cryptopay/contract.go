package cryptopay

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// Name is the contract's name, as the example server's -contract flag spells it.
const Name = "cryptopay"

// CryptopayContract is the Cryptopay error contract; [Contract] is its one value.
type CryptopayContract struct{}

// Contract is the Cryptopay contract:
//
//	{"error":{"code":"unauthenticated","message":"unauthenticated","details":[]},"meta":{"request_id":"b1d88d60011a9bda350b0eef7dc8dcbb"}}
var Contract apierr.Contract = &CryptopayContract{}

func init() { kit.RegisterContract(Contract) }

var conditionCodes = kit.Conditions{
	apierr.Internal:             InternalError,
	apierr.BadRequest:           BadRequest,
	apierr.Validation:           Invalid,
	apierr.Unauthorized:         Unauthenticated,
	apierr.Forbidden:            Unauthorized,
	apierr.NotFound:             NotFound,
	apierr.MethodNotAllowed:     MethodNotAllowed,
	apierr.RequestTimeout:       RequestTimeout,
	apierr.Conflict:             Conflict,
	apierr.InProgress:           Conflict,
	apierr.TooLarge:             PayloadTooLarge,
	apierr.UnsupportedMediaType: UnsupportedMediaType,
	apierr.IdempotencyMismatch:  Conflict,
	apierr.RateLimited:          RateLimitExceeded,
	apierr.BadGateway:           BadGateway,
	apierr.Unavailable:          ServiceUnavailable,
	apierr.Maintenance:          Maintenance,
	apierr.Timeout:              GatewayTimeout,
}

// Name returns "cryptopay".
func (*CryptopayContract) Name() string { return Name }

// ShowsTrace reports true: the body's meta.request_id is the request's trace ID
// ([apierr.Meta].TraceID; see [kit.ShowsTrace]).
func (*CryptopayContract) ShowsTrace() bool { return true }

// ContentType returns [kit.JSONContentType].
func (*CryptopayContract) ContentType() string { return kit.JSONContentType }

// Catalogue returns the Cryptopay catalogue.
func (*CryptopayContract) Catalogue() *apierr.Catalogue { return catalogue }

// Code returns the code that answers cond (see the package documentation).
func (*CryptopayContract) Code(cond apierr.Condition) apierr.Code { return conditionCodes.Code(cond) }

const detailCode = "detail"

// AppendBody appends b's Cryptopay body to dst: field errors, then details,
// as entries of error.details, and meta.request_id (see the package
// documentation).
func (c *CryptopayContract) AppendBody(dst []byte, b apierr.Body) ([]byte, error) {
	dst = append(dst, `{"error":{"code":`...)
	dst = kit.AppendString(dst, b.ID)
	dst = append(dst, `,"message":`...)
	dst = kit.AppendString(dst, b.Message)
	dst = append(dst, `,"details":[`...)
	n := 0
	for _, f := range b.Fields {
		if n > 0 {
			dst = append(dst, ',')
		}
		n++
		dst = append(dst, `{"code":`...)
		dst = kit.AppendString(dst, RuleCode(f.Rule))
		dst = append(dst, `,"target":`...)
		dst = kit.AppendString(dst, f.Field)
		dst = append(dst, `,"message":`...)
		m := f.Message
		if m == "" {
			m = f.Field + " is invalid"
		}
		dst = kit.AppendString(dst, m)
		if f.Param != "" {
			dst = append(dst, `,"args":{"value":`...)
			dst = kit.AppendString(dst, f.Param)
			dst = append(dst, '}')
		}
		dst = append(dst, '}')
	}
	for _, kv := range b.Details {
		if s, ok := kv.Value.(string); ok && kv.Key == requestIDDetail && kit.IsTraceHex(s) {
			continue
		}
		if n > 0 {
			dst = append(dst, ',')
		}
		n++
		dst = append(dst, `{"code":"detail","target":`...)
		dst = kit.AppendString(dst, kv.Key)
		dst = append(dst, `,"args":{"value":`...)
		var err error
		if dst, err = kit.AppendValue(dst, kv.Value); err != nil {
			return dst, fmt.Errorf("cryptopay: detail %q: %w", kv.Key, err)
		}
		dst = append(dst, "}}"...)
	}
	dst = append(dst, `]},"meta":{"request_id":"`...)
	dst = appendRequestID(dst, b)
	return append(dst, `"}}`...), nil
}

type entry struct {
	Code    *string `json:"code"`
	Target  string  `json:"target"`
	Message string  `json:"message"`
	Args    *struct {
		Value any `json:"value"` // numbers as json.Number
	} `json:"args"`
}

type body struct {
	Error *struct {
		Code    *string `json:"code"`
		Message *string `json:"message"`
		Details []entry `json:"details"`
	} `json:"error"`
	Meta struct {
		RequestID string `json:"request_id"`
	} `json:"meta"`
}

// Parse turns a Cryptopay body back into an error. status is the response's
// HTTP status, or 0 to take the code's. Detail entries become details, the
// others field errors (rule from the entry's code, param from args.value);
// meta.request_id is kept in the detail "request_id". A code the catalogue
// does not hold is kept as it is ([apierr.Catalogue.Unregistered]), with the
// status.
func (c *CryptopayContract) Parse(status int, data []byte) (*apierr.Error, error) {
	fail := func(err error) (*apierr.Error, error) {
		return nil, kit.NewParseError(Name, status, data, err)
	}
	trimmed, err := kit.ParseObject(Name, status, data)
	if err != nil {
		return nil, err
	}
	var b body
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber()
	if err := dec.Decode(&b); err != nil {
		return fail(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fail(errors.New("data after the body"))
	}
	if b.Error == nil || b.Error.Code == nil || b.Error.Message == nil {
		return fail(errors.New(`missing "error.code" or "error.message"`))
	}
	id, msg := *b.Error.Code, *b.Error.Message
	var e *apierr.Error
	if code, ok := catalogue.Lookup(id); ok {
		e = apierr.New(code)
		if msg != code.Message() {
			e.Msg(msg)
		}
	} else {
		if status == 0 {
			return fail(fmt.Errorf("unknown code %q and no status", id))
		}
		e = catalogue.Unregistered(apierr.Spec{ID: id, Status: status, Message: msg})
	}
	for _, d := range b.Error.Details {
		if d.Code == nil {
			return fail(errors.New("details entry without code"))
		}
		var value any
		if d.Args != nil {
			value = d.Args.Value
		}
		if *d.Code == detailCode {
			e.With(d.Target, value)
			continue
		}
		f := apierr.FieldError{Field: d.Target, Rule: ruleOf(*d.Code), Message: d.Message}
		if s, ok := value.(string); ok {
			f.Param = s
		} else if value != nil {
			raw, _ := json.Marshal(value)
			f.Param = string(raw)
		}
		e.WithFields(f)
	}
	if kit.IsTraceHex(b.Meta.RequestID) {
		e.With(requestIDDetail, b.Meta.RequestID)
	}
	return e, nil
}
