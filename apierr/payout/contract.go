package payout

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/errkit/errkit/apierr"
)

// Name is the contract's name, as the example server's -contract flag spells it.
const Name = "payout"

// PayoutContract is the Payout API error contract; [Contract] is its one value.
type PayoutContract struct{}

// Contract is the Payout API contract:
//
//	{"message":"Invalid API key","code":"unauthorized","error":{"code":"unauthorized","message":"Invalid API key"}}
var Contract apierr.Contract = &PayoutContract{}

func init() { apierr.RegisterContract(Contract) }

var conditionCodes = map[apierr.Condition]apierr.Code{
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

// ContentType returns [apierr.JSONContentType].
func (*PayoutContract) ContentType() string { return apierr.JSONContentType }

// Catalogue returns the Payout API catalogue.
func (*PayoutContract) Catalogue() *apierr.Catalogue { return catalogue }

// Code returns the code that answers cond (see the package documentation).
func (*PayoutContract) Code(cond apierr.Condition) apierr.Code {
	if code, ok := conditionCodes[cond]; ok {
		return code
	}
	return InternalError
}

// resolve returns the code and message e is rendered with: its own for a
// Payout code; for another catalogue's, the Payout code for its status and
// its message only below 500, where a message cannot describe internals.
func (c *PayoutContract) resolve(e *apierr.Error) (apierr.Code, string) {
	if code := e.Code(); code.Valid() && code.Catalogue() == catalogue {
		return code, e.PublicText()
	}
	code := apierr.CodeFor(c, e.Status())
	if e.Status() < 500 && e.PublicText() != "" {
		return code, e.PublicText()
	}
	return code, code.Message()
}

func fieldMessage(f apierr.FieldError) string {
	if f.Message != "" {
		return f.Message
	}
	return f.Field + " is invalid"
}

// AppendBody appends e's Payout API body to dst. Field errors, or the field
// of a field code, go to "errors" and the first one's message becomes the
// message. Details are not rendered (the body has no place for them), nor is
// the cause.
func (c *PayoutContract) AppendBody(dst []byte, e *apierr.Error, _ *http.Request) ([]byte, error) {
	if e == nil {
		e = apierr.New(InternalError)
	}
	code, msg := c.resolve(e)
	wire := wireCode(code.Status())
	fields := e.Fields()
	if len(fields) == 0 {
		if name := codeFields[code]; name != "" {
			fields = []apierr.FieldError{{Field: name, Message: msg}}
		}
	}
	if len(fields) > 0 {
		msg = fieldMessage(fields[0])
	}
	dst = append(dst, `{"message":`...)
	dst = apierr.AppendString(dst, msg)
	dst = append(dst, `,"code":`...)
	dst = apierr.AppendString(dst, wire)
	if len(fields) > 0 {
		dst = append(dst, `,"errors":[`...)
		for i, f := range fields {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"field":`...)
			dst = apierr.AppendString(dst, f.Field)
			dst = append(dst, `,"message":`...)
			dst = apierr.AppendString(dst, fieldMessage(f))
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"error":{"code":`...)
	dst = apierr.AppendString(dst, wire)
	dst = append(dst, `,"message":`...)
	dst = apierr.AppendString(dst, msg)
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
		return nil, apierr.NewParseError(Name, status, data, err)
	}
	if status != 0 && (status < 400 || status > 599) {
		return fail(fmt.Errorf("status %d is not an error status", status))
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return fail(errors.New("not a JSON object"))
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
			code = apierr.CodeFor(c, status)
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
	code := apierr.CodeFor(c, status)
	e := apierr.New(code)
	if msg != code.Message() {
		e.Msg(msg)
	}
	return e, nil
}
