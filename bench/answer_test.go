package bench

import (
	"errors"
	"net/http"
	"time"

	"github.com/go-playground/validator/v10"
)

// What echo and huma answer in the benchmarks: the same status, headers
// and body fields as errkit's Nexpay contract, written the way a user of
// either framework would declare them. Every body is built anew for each
// request, with the clock read for its timestamp, as errkit does;
// TestSameAnswer holds each baseline's answer to errkit's.

// errBody is the contract's error body. Its fields are in the order errkit
// writes them, so that encoding/json writes errkit's bytes and a newline.
type errBody struct {
	StatusCode int    `json:"statusCode"`
	Code       string `json:"code"`
	Message    string `json:"message"`
	Timestamp  string `json:"timestamp"`
	Details    any    `json:"details,omitempty"`

	header http.Header // sent with the body, not in it
}

// fieldDetail and fieldsDetail are the details of a validation failure.
type fieldDetail struct {
	Field   string `json:"field"`
	Rule    string `json:"rule"`
	Param   string `json:"param,omitempty"`
	Message string `json:"message"`
}

type fieldsDetail struct {
	Fields []fieldDetail `json:"fields"`
}

// clock is the baselines' clock; TestMain pins it with errkit's.
var clock = time.Now

// timestampLayout is the contract's timestamp, milliseconds in UTC.
const timestampLayout = "2006-01-02T15:04:05.000Z"

// contentJSON is the Content-Type errkit sends with every error.
const contentJSON = "application/json; charset=utf-8"

// The headers errkit sends with every error besides Content-Type and the
// request ID, and those of the 503 and the 429 with them; made once, read
// only.
var (
	headerError = http.Header{"X-Content-Type-Options": {"nosniff"}, "Cache-Control": {"no-store"}}
	headerOf503 = withHeader(headerError, header503)
	headerOf429 = withHeader(headerError, header429)
)

func withHeader(a, b http.Header) http.Header {
	h := a.Clone()
	for k, v := range b {
		h[k] = v
	}
	return h
}

func newBody(status int, code, message string, header http.Header, details any) *errBody {
	return &errBody{
		StatusCode: status, Code: code, Message: message,
		Timestamp: clock().UTC().Format(timestampLayout),
		Details:   details, header: header,
	}
}

func contract404() *errBody {
	return newBody(http.StatusNotFound, "[PAY0001]", "[PAY0001] Payment not found", headerError, nil)
}

func contract422() *errBody {
	return newBody(http.StatusUnprocessableEntity, "[QOT0003]", "[QOT0003] Currency pair unavailable", headerError,
		map[string]string{"fromCurrency": "BRL", "toCurrency": "USD"})
}

func contract500() *errBody {
	return newBody(http.StatusInternalServerError, "[GEN9001]", "[GEN9001] Internal server error", headerError, nil)
}

func contract503() *errBody {
	return newBody(http.StatusServiceUnavailable, "[GEN9013]", "[GEN9013] Service is under maintenance. Please try again later.", headerOf503, nil)
}

func contract429() *errBody {
	return newBody(http.StatusTooManyRequests, "[GEN9429]", "[GEN9429] Too many requests", headerOf429, nil)
}

// contract400 turns validator/v10's errors into the 400's field list, with
// a message for each rule the transfer breaks.
func contract400(err error) *errBody {
	var ves validator.ValidationErrors
	errors.As(err, &ves)
	fields := make([]fieldDetail, len(ves))
	for i, fe := range ves {
		fields[i] = fieldDetail{Field: fe.Field(), Rule: fe.Tag(), Param: fe.Param(), Message: fe.Field() + ruleText(fe)}
	}
	return newBody(http.StatusBadRequest, "[GEN9002]", "[GEN9002] Bad request", headerError, fieldsDetail{fields})
}

func ruleText(fe validator.FieldError) string {
	switch fe.Tag() {
	case "amount":
		return " must be a positive decimal string"
	case "iso4217":
		return " must be an ISO 4217 currency code"
	case "iban":
		return " must be a valid IBAN"
	case "iso3166":
		return " must be an ISO 3166-1 alpha-2 country code"
	case "max":
		return " must be at most " + fe.Param() + " characters long"
	}
	return " is invalid"
}
