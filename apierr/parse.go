package apierr

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/go-openapi/strfmt"
)

// MaxParseBody is how much of a response body [ParseResponse] reads.
const MaxParseBody = 1 << 20

// A ParseError says that a response is not an error body of the contract:
// an HTML page from a proxy, an empty or truncated body. It keeps the status
// and the first bytes of the body.
type ParseError struct {
	Contract string // the contract expected
	Status   int    // the response's HTTP status
	Body     []byte // the first bytes of the body, at most 256
	Err      error  // what is wrong with it
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("apierr: status %d: not a %s error body: %v: %q", e.Status, e.Contract, e.Err, e.Body)
}

func (e *ParseError) Unwrap() error { return e.Err }

// NewParseError returns a ParseError keeping the first 256 bytes of body.
func NewParseError(contract string, status int, body []byte, err error) *ParseError {
	if len(body) > 256 {
		body = body[:256]
	}
	return &ParseError{Contract: contract, Status: status, Body: bytes.Clone(body), Err: err}
}

// Parse turns a Nexpay v2 error body back into an [*Error]: see
// [NexpayContract.Parse].
func Parse(status int, body []byte) (*Error, error) { return nexpay.Parse(status, body) }

// ParseResponse reads resp's body (at most [MaxParseBody]) and parses it as a
// Nexpay v2 error. The body is closed.
func ParseResponse(resp *http.Response) (*Error, error) { return ParseResponseAs(nexpay, resp) }

// ParseResponseAs is [ParseResponse] for contract c.
func ParseResponseAs(c Contract, resp *http.Response) (*Error, error) {
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxParseBody+1))
	if err != nil {
		return nil, NewParseError(c.Name(), resp.StatusCode, body, fmt.Errorf("reading body: %w", err))
	}
	if len(body) > MaxParseBody {
		return nil, NewParseError(c.Name(), resp.StatusCode, body, errors.New("body larger than MaxParseBody"))
	}
	return c.Parse(resp.StatusCode, body)
}

type nexpayBody struct {
	StatusCode *int            `json:"statusCode"`
	Code       *string         `json:"code"`
	Message    *string         `json:"message"`
	Timestamp  *string         `json:"timestamp"`
	Details    json.RawMessage `json:"details"`
}

// Parse turns a Nexpay v2 body back into an error. status is the response's
// HTTP status, or 0 to take the body's statusCode. A code the catalogue does
// not hold is kept ([Error.ID], [Error.Status]); details keep their order and
// numbers their exact text (json.Number); details.fields become field errors.
func (c *NexpayContract) Parse(status int, body []byte) (*Error, error) {
	fail := func(err error) (*Error, error) { return nil, NewParseError(nexpayName, status, body, err) }
	if status != 0 && (status < 400 || status > 599) {
		return fail(fmt.Errorf("status %d is not an error status", status))
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return fail(errors.New("empty body"))
	}
	if trimmed[0] != '{' {
		return fail(errors.New("not a JSON object"))
	}
	var b nexpayBody
	if err := json.Unmarshal(trimmed, &b); err != nil {
		return fail(err)
	}
	if b.Code == nil || b.Message == nil {
		return fail(errors.New(`missing "code" or "message"`))
	}
	raw := *b.Code
	if len(raw) < 3 || raw[0] != '[' || raw[len(raw)-1] != ']' {
		return fail(fmt.Errorf("code %q is not of the form [PREFIX####]", raw))
	}
	id := raw[1 : len(raw)-1]
	if err := checkNexpayID(id); err != nil {
		return fail(fmt.Errorf("code %q: %w", raw, err))
	}
	if status == 0 {
		if b.StatusCode == nil || *b.StatusCode < 400 || *b.StatusCode > 599 {
			return fail(errors.New("no error status in the body"))
		}
		status = *b.StatusCode
	}
	e := &Error{}
	if code, ok := c.cat.Lookup(id); ok {
		e.code = code
		e.d = code.def()
		if e.d.Status != status {
			d := *e.d
			d.Status = status
			d.pre = nil
			e.d = &d
		}
	}
	msg := strings.TrimPrefix(*b.Message, "["+id+"] ")
	if e.code == 0 {
		e = c.cat.Unregistered(Spec{ID: id, Status: status, Message: msg})
	} else if msg != e.d.Message {
		e.message = msg
	}
	if b.Timestamp != nil {
		t, err := strfmt.ParseDateTime(*b.Timestamp)
		if err != nil {
			return fail(fmt.Errorf("timestamp: %w", err))
		}
		e.time = time.Time(t).UTC()
	}
	var err error
	if e.details, e.fields, err = DecodeDetails(b.Details); err != nil {
		return fail(fmt.Errorf("details: %w", err))
	}
	return e, nil
}
