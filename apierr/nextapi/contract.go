package nextapi

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// Name is the contract's name, as the example server's -contract flag spells it.
const Name = "nextapi"

// NextAPIContract is the NextAPI error contract; [Contract] is its one value.
type NextAPIContract struct{}

// Contract is the NextAPI contract:
//
//	{"error":{"code":"INSUFFICIENT_FUNDS","message":"Account available balance is too low","details":{"available_balance":5000}}}
var Contract apierr.Contract = &NextAPIContract{}

func init() { kit.RegisterContract(Contract) }

var conditionCodes = kit.Conditions{
	apierr.Internal:             InternalError,
	apierr.BadRequest:           ValidationError,
	apierr.Validation:           ValidationError,
	apierr.Unauthorized:         Unauthorized,
	apierr.Forbidden:            Forbidden,
	apierr.NotFound:             ResourceNotFound,
	apierr.MethodNotAllowed:     MethodNotAllowed,
	apierr.RequestTimeout:       RequestTimeout,
	apierr.Conflict:             Conflict,
	apierr.InProgress:           RequestInProgress,
	apierr.TooLarge:             PayloadTooLarge,
	apierr.UnsupportedMediaType: UnsupportedMediaType,
	apierr.IdempotencyMismatch:  IdempotencyConflict,
	apierr.RateLimited:          RateLimited,
	apierr.BadGateway:           BadGateway,
	apierr.Unavailable:          ServiceUnavailable,
	apierr.Maintenance:          Maintenance,
	apierr.Timeout:              GatewayTimeout,
}

// Name returns "nextapi".
func (*NextAPIContract) Name() string { return Name }

// ContentType returns [kit.JSONContentType].
func (*NextAPIContract) ContentType() string { return kit.JSONContentType }

// Catalogue returns the NextAPI catalogue.
func (*NextAPIContract) Catalogue() *apierr.Catalogue { return catalogue }

// Code returns the code that answers cond (see the package documentation).
func (*NextAPIContract) Code(cond apierr.Condition) apierr.Code { return conditionCodes.Code(cond) }

// AppendBody appends b's NextAPI body to dst. Details and field errors
// (under "fields") go to error.details.
func (c *NextAPIContract) AppendBody(dst []byte, b apierr.Body) ([]byte, error) {
	dst = append(dst, `{"error":{"code":`...)
	dst = kit.AppendString(dst, b.ID)
	dst = append(dst, `,"message":`...)
	dst = kit.AppendString(dst, b.Message)
	if len(b.Details) > 0 || len(b.Fields) > 0 {
		dst = append(dst, `,"details":`...)
		var err error
		if dst, err = b.AppendDetails(dst); err != nil {
			return dst, fmt.Errorf("nextapi: %w", err)
		}
	}
	return append(dst, "}}"...), nil
}

type body struct {
	Error *struct {
		Code    *string         `json:"code"`
		Message *string         `json:"message"`
		Details json.RawMessage `json:"details"`
	} `json:"error"`
}

// Parse turns a NextAPI body back into an error. status is the response's
// HTTP status, or 0 to take the code's. A message other than the
// catalogue's becomes the error's message; details keep their order and
// numbers their exact text (json.Number); details.fields become field
// errors. A code the catalogue does not hold is kept as it is
// ([apierr.Catalogue.Unregistered]), with the status.
func (c *NextAPIContract) Parse(status int, data []byte) (*apierr.Error, error) {
	fail := func(err error) (*apierr.Error, error) {
		return nil, kit.NewParseError(Name, status, data, err)
	}
	trimmed, err := kit.ParseObject(Name, status, data)
	if err != nil {
		return nil, err
	}
	var b body
	if err := json.Unmarshal(trimmed, &b); err != nil {
		return fail(err)
	}
	if b.Error == nil || b.Error.Code == nil || b.Error.Message == nil {
		return fail(errors.New(`missing "error.code" or "error.message"`))
	}
	details, fields, err := kit.DecodeDetails(b.Error.Details)
	if err != nil {
		return fail(fmt.Errorf("details: %w", err))
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
	for _, kv := range details {
		e.With(kv.Key, kv.Value)
	}
	if len(fields) > 0 {
		e.WithFields(fields...)
	}
	return e, nil
}
