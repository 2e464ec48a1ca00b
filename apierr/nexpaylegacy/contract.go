package nexpaylegacy

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// Name is the contract's name, as the example server's -contract flag spells it.
const Name = "nexpay-legacy"

// LegacyContract is the Nexpay legacy error contract; [Contract] is its one value.
type LegacyContract struct{}

// Contract is the Nexpay legacy contract:
//
//	{"errors":[{"code":-32600,"message":"Invalid Request","data":"Unknown symbol BTCUSD"}],"traceId":"b1d88d60011a9bda350b0eef7dc8dcbb"}
var Contract apierr.Contract = &LegacyContract{}

func init() { kit.RegisterContract(Contract) }

var conditionCodes = kit.Conditions{
	apierr.Internal:             InternalError,
	apierr.BadRequest:           InvalidRequest,
	apierr.Validation:           InvalidRequestParameter,
	apierr.Unauthorized:         MissingAPIKey,
	apierr.Forbidden:            NoPermissions,
	apierr.NotFound:             NotFound,
	apierr.MethodNotAllowed:     MethodNotAllowed,
	apierr.RequestTimeout:       RequestTimeout,
	apierr.Conflict:             Conflict,
	apierr.InProgress:           Conflict,
	apierr.TooLarge:             TooLarge,
	apierr.UnsupportedMediaType: UnsupportedMediaType,
	apierr.IdempotencyMismatch:  IdempotencyMismatch,
	apierr.RateLimited:          TooManyRequests,
	apierr.BadGateway:           BadGateway,
	apierr.Unavailable:          ServiceUnavailable,
	apierr.Maintenance:          Maintenance,
	apierr.Timeout:              GatewayTimeout,
}

// Name returns "nexpay-legacy".
func (*LegacyContract) Name() string { return Name }

// ShowsTrace reports true: the body's traceId is the request's trace ID
// ([apierr.Meta].TraceID; see [kit.ShowsTrace]).
func (*LegacyContract) ShowsTrace() bool { return true }

// ContentType returns [kit.JSONContentType].
func (*LegacyContract) ContentType() string { return kit.JSONContentType }

// Catalogue returns the legacy catalogue.
func (*LegacyContract) Catalogue() *apierr.Catalogue { return catalogue }

// Code returns the code that answers cond (see the package documentation).
func (*LegacyContract) Code(cond apierr.Condition) apierr.Code { return conditionCodes.Code(cond) }

// appendEntry appends one entry of errors up to its data: the caller
// appends the data's content with appendInner (or nothing) and closes it
// with closeEntry.
func appendEntry(dst []byte, id, msg string) []byte {
	dst = append(dst, `{"code":`...)
	dst = append(dst, id...) // a decimal integer (checkID)
	dst = append(dst, `,"message":`...)
	return kit.AppendString(dst, msg)
}

// FieldData returns the data of a field's entry: "amount (gt=0): amount
// must be positive", "amount (required)" without a message, "amount: amount
// must be positive" without a rule.
func FieldData(f apierr.FieldError) string {
	var s strings.Builder
	s.WriteString(f.Field)
	if f.Rule != "" {
		s.WriteString(" (" + f.Rule)
		if f.Param != "" {
			s.WriteString("=" + f.Param)
		}
		s.WriteString(")")
	}
	if f.Message != "" {
		s.WriteString(": " + f.Message)
	}
	return s.String()
}

// appendFieldEntry appends the 30010 entry of a field error.
func appendFieldEntry(dst []byte, f apierr.FieldError) []byte {
	dst = appendEntry(dst, InvalidRequestParameter.ID(), InvalidRequestParameter.Message())
	dst = append(dst, `,"data":"`...)
	dst = kit.AppendEscaped(dst, f.Field)
	if f.Rule != "" {
		dst = append(dst, " ("...)
		dst = kit.AppendEscaped(dst, f.Rule)
		if f.Param != "" {
			dst = append(dst, '=')
			dst = kit.AppendEscaped(dst, f.Param)
		}
		dst = append(dst, ')')
	}
	if f.Message != "" {
		dst = append(dst, ": "...)
		dst = kit.AppendEscaped(dst, f.Message)
	}
	return append(dst, `"}`...)
}

// parseFieldData is FieldData reversed.
func parseFieldData(data string) apierr.FieldError {
	var f apierr.FieldError
	head, msg, hasMsg := strings.Cut(data, ": ")
	if i := strings.Index(head, " ("); i >= 0 && strings.HasSuffix(head, ")") {
		f.Field = head[:i]
		f.Rule, f.Param, _ = strings.Cut(head[i+2:len(head)-1], "=")
	} else {
		f.Field = head
	}
	if hasMsg {
		f.Message = msg
	}
	return f
}

// appendDetailData appends the error's details as the entry's data: a
// detail "data" as it is, others as key=value (strings bare, other values
// as JSON), joined by "; "; nothing when there are none. A traceId kept
// from a parsed body is not a detail here.
func appendDetailData(dst []byte, details []apierr.Detail) ([]byte, error) {
	n := 0
	for _, kv := range details {
		s, isString := kv.Value.(string)
		if kv.Key == traceDetail && isString && kit.IsTraceHex(s) {
			continue
		}
		if n == 0 {
			dst = append(dst, `,"data":"`...)
		} else {
			dst = append(dst, "; "...)
		}
		n++
		if kv.Key == "data" && isString {
			dst = kit.AppendEscaped(dst, s)
			continue
		}
		dst = kit.AppendEscaped(dst, kv.Key)
		dst = append(dst, '=')
		if isString {
			dst = kit.AppendEscaped(dst, s)
			continue
		}
		v, err := kit.AppendValue(nil, kv.Value)
		if err != nil {
			return dst, fmt.Errorf("nexpaylegacy: detail %q: %w", kv.Key, err)
		}
		dst = kit.AppendEscaped(dst, string(v))
	}
	if n > 0 {
		dst = append(dst, '"')
	}
	return dst, nil
}

// AppendBody appends b's legacy body to dst: the error's own entry (left
// out for a 30010 with field errors), one 30010 entry per field error, and
// traceId: the request's trace ID, else one kept from a parsed body.
func (c *LegacyContract) AppendBody(dst []byte, b apierr.Body) ([]byte, error) {
	validation := b.ID == InvalidRequestParameter.ID()
	dst = append(dst, `{"errors":[`...)
	if !validation || len(b.Fields) == 0 {
		dst = appendEntry(dst, b.ID, b.Message)
		var err error
		if dst, err = appendDetailData(dst, b.Details); err != nil {
			return dst, err
		}
		dst = append(dst, '}')
	}
	for i, f := range b.Fields {
		if i > 0 || !validation {
			dst = append(dst, ',')
		}
		dst = appendFieldEntry(dst, f)
	}
	dst = append(dst, ']')
	if id := traceID(b); id != "" {
		dst = append(dst, `,"traceId":"`...)
		dst = append(dst, id...)
		dst = append(dst, '"')
	}
	return append(dst, '}'), nil
}

type body struct {
	Errors []struct {
		Code    json.RawMessage `json:"code"`
		Message *string         `json:"message"`
		Data    *string         `json:"data"`
	} `json:"errors"`
	TraceID string `json:"traceId"`
}

// Parse turns a legacy body back into an error. status is the response's
// HTTP status, or 0 to take the code's. The first entry gives the code,
// unless it is a 30010; the 30010 entries with data give the field errors
// (see [FieldData]); the main entry's data is kept in the detail "data";
// traceId in the detail "traceId". Other entries are dropped. A code the
// catalogue does not hold is kept as it is ([apierr.Catalogue.Unregistered]),
// with the status.
func (c *LegacyContract) Parse(status int, data []byte) (*apierr.Error, error) {
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
	if len(b.Errors) == 0 {
		return fail(errors.New(`no "errors"`))
	}
	ids := make([]string, len(b.Errors))
	for i, en := range b.Errors {
		if en.Code == nil || en.Message == nil {
			return fail(errors.New(`an entry of "errors" misses "code" or "message"`))
		}
		n, err := strconv.ParseInt(string(en.Code), 10, 32)
		if err != nil {
			return fail(fmt.Errorf("code %.20s is not an integer", en.Code))
		}
		ids[i] = strconv.FormatInt(n, 10)
	}
	validation := InvalidRequestParameter.ID()
	var e *apierr.Error
	first := b.Errors[0]
	fieldsFrom := 0
	switch code, ok := catalogue.Lookup(ids[0]); {
	case ids[0] == validation && first.Data != nil && len(b.Errors) > 1,
		ids[0] == validation && first.Data != nil && *first.Message == InvalidRequestParameter.Message() && strings.Contains(*first.Data, ": "):
		e = apierr.New(InvalidRequestParameter)
	case ok:
		e = apierr.New(code)
		if *first.Message != code.Message() {
			e.Msg(*first.Message)
		}
		if first.Data != nil {
			e.With("data", *first.Data)
		}
		fieldsFrom = 1
	default:
		if status == 0 {
			return fail(fmt.Errorf("unknown code %s and no status", ids[0]))
		}
		e = catalogue.Unregistered(apierr.Spec{ID: ids[0], Status: status, Message: *first.Message})
		if first.Data != nil {
			e.With("data", *first.Data)
		}
		fieldsFrom = 1
	}
	for i := fieldsFrom; i < len(b.Errors); i++ {
		if ids[i] == validation && b.Errors[i].Data != nil {
			e.WithFields(parseFieldData(*b.Errors[i].Data))
		}
	}
	if kit.IsTraceHex(b.TraceID) {
		e.With(traceDetail, b.TraceID)
	}
	return e, nil
}
