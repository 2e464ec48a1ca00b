package payout

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// Name is the contract's name, as the example server's -contract flag spells it.
const Name = "payout"

// PayoutContract is the Payout API error contract; [Contract] is its one value.
type PayoutContract struct{}

// Contract is the Payout API contract:
//
//	{"message":"Invalid API key","code":"unauthorized","error":{"code":"unauthorized","message":"Invalid API key"}}
var Contract apierr.Contract = &PayoutContract{}

func init() { kit.RegisterContract(Contract) }

var conditionCodes = kit.Conditions{
	apierr.Internal:             InternalError,
	apierr.BadRequest:           MalformedRequest,
	apierr.Validation:           ValidationFailed,
	apierr.Unauthorized:         APIKeyRequired,
	apierr.Forbidden:            Forbidden,
	apierr.NotFound:             NotFound,
	apierr.MethodNotAllowed:     MethodNotAllowed,
	apierr.RequestTimeout:       MalformedRequest,
	apierr.Conflict:             Conflict,
	apierr.InProgress:           Conflict,
	apierr.TooLarge:             RequestTooLarge,
	apierr.UnsupportedMediaType: UnsupportedMediaType,
	apierr.IdempotencyMismatch:  ExternalIDConflict,
	apierr.RateLimited:          RateLimited,
	apierr.BadGateway:           BadGateway,
	apierr.Unavailable:          ServiceUnavailable,
	apierr.Maintenance:          Maintenance,
	apierr.Timeout:              Timeout,
}

// Name returns "payout".
func (*PayoutContract) Name() string { return Name }

// ContentType returns [kit.JSONContentType].
func (*PayoutContract) ContentType() string { return kit.JSONContentType }

// Catalogue returns the Payout API catalogue.
func (*PayoutContract) Catalogue() *apierr.Catalogue { return catalogue }

// Code returns the code that answers cond (see the package documentation).
func (*PayoutContract) Code(cond apierr.Condition) apierr.Code { return conditionCodes.Code(cond) }

func fieldMessage(f apierr.FieldError) string {
	if f.Message != "" {
		return f.Message
	}
	return f.Field + " is invalid"
}

// AppendBody appends e's Payout API body to dst. Field errors, or the field
// of a field code, go to "errors" and the first one's message becomes the
// message. Details are not rendered: the body has no place for them.
func (c *PayoutContract) AppendBody(dst []byte, b apierr.Body) ([]byte, error) {
	msg := b.Message
	wire := wireCode(b.Status)
	fields := b.Fields
	if len(fields) == 0 {
		if name := codeFields[b.Code]; name != "" {
			fields = []apierr.FieldError{{Field: name, Message: msg}}
		}
	}
	if len(fields) > 0 {
		msg = fieldMessage(fields[0])
	}
	dst = append(dst, `{"message":`...)
	dst = kit.AppendString(dst, msg)
	dst = append(dst, `,"code":`...)
	dst = kit.AppendString(dst, wire)
	if len(fields) > 0 {
		dst = append(dst, `,"errors":[`...)
		for i, f := range fields {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"field":`...)
			dst = kit.AppendString(dst, f.Field)
			dst = append(dst, `,"message":`...)
			dst = kit.AppendString(dst, fieldMessage(f))
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"error":{"code":`...)
	dst = kit.AppendString(dst, wire)
	dst = append(dst, `,"message":`...)
	dst = kit.AppendString(dst, msg)
	return append(dst, "}}"...), nil
}

type body struct {
	Message *string `json:"message"`
	Code    *string `json:"code"`
	Errors  []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
	Error *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// Parse turns a Payout API body back into an error. status is the response's
// HTTP status, or 0 to take the one of the body's code string. The code is
// found by code string and message: a table message gives its code
// ("Shop currency mismatch. Expected EUR." gives [ShopCurrencyMismatch] with
// that message); a validation_error body with errors gives
// [ValidationFailed] with every entry as a field error, one entry or
// several alike (the body of a field code such as [AmountInvalid] is such a
// body, and parses so); any other message gives the code for the status,
// with the body's message.
func (c *PayoutContract) Parse(status int, data []byte) (*apierr.Error, error) {
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
	if b.Message == nil || b.Code == nil {
		return fail(errors.New(`missing "message" or "code"`))
	}
	wire, msg := *b.Code, *b.Message
	if status == 0 {
		if status = wireStatus(wire); status == 0 {
			return fail(fmt.Errorf("unknown code %q and no status", wire))
		}
	}
	if len(b.Errors) > 0 {
		fields := make([]apierr.FieldError, len(b.Errors))
		for i, f := range b.Errors {
			fields[i] = apierr.FieldError{Field: f.Field, Message: f.Message}
		}
		code := ValidationFailed
		if wire != CodeValidationError {
			code = kit.CodeFor(c, status)
		}
		return apierr.New(code).WithFields(fields...), nil
	}
	for _, code := range catalogue.Codes() {
		if code.Message() == msg && wireCode(code.Status()) == wire {
			return apierr.New(code), nil
		}
	}
	if code, ok := templated(msg); ok && wire == CodeValidationError {
		return apierr.New(code).Msg(msg), nil
	}
	code := kit.CodeFor(c, status)
	e := apierr.New(code)
	if msg != code.Message() {
		e.Msg(msg)
	}
	return e, nil
}
