package apierr

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/errkit/errkit/apierr/internal/wire"
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

// newParseError returns a ParseError keeping the first 256 bytes of body.
func newParseError(contract string, status int, body []byte, err error) *ParseError {
	return &ParseError{Contract: contract, Status: status, Body: bytes.Clone(body[:min(len(body), 256)]), Err: err}
}

// Parse turns a Nexpay v2 body back into an [*Error]. status is the
// response's HTTP status, or 0 to take the body's statusCode. A code the
// catalogue does not hold is kept ([Error.ID], [Error.Status]); details keep
// their order and numbers their exact text (json.Number); details.fields
// become field errors.
func Parse(status int, body []byte) (*Error, error) { return nexpay.Parse(status, body) }

// ParseResponse reads resp's body (at most [MaxParseBody]) and parses it as a
// Nexpay v2 error. The body is closed.
func ParseResponse(resp *http.Response) (*Error, error) { return ParseResponseAs(nexpay, resp) }

// ParseResponseAs is [ParseResponse] for contract c.
func ParseResponseAs(c Contract, resp *http.Response) (*Error, error) {
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxParseBody+1))
	if err != nil {
		return nil, newParseError(c.Name(), resp.StatusCode, body, fmt.Errorf("reading body: %w", err))
	}
	if len(body) > MaxParseBody {
		return nil, newParseError(c.Name(), resp.StatusCode, body, errors.New("body larger than MaxParseBody"))
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

// Parse turns a Nexpay v2 body back into an error: see [Parse].
func (c *nexpayContract) Parse(status int, body []byte) (*Error, error) {
	fail := func(err error) (*Error, error) { return nil, newParseError(c.Name(), status, body, err) }
	trimmed, err := wire.Object(status, body)
	if err != nil {
		return fail(err)
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
		if e.time, err = wire.ParseTimestamp(*b.Timestamp); err != nil {
			return fail(fmt.Errorf("timestamp: %w", err))
		}
	}
	if e.details, e.fields, err = decodeDetails(b.Details); err != nil {
		return fail(fmt.Errorf("details: %w", err))
	}
	return e, nil
}
