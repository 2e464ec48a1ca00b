package validation

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/jsonbody"
)

// Defaults of [DecodeJSON].
const (
	DefaultMaxBytes = 1 << 20 // 1 MiB
	DefaultMaxDepth = 32
)

// A DecodeOption configures [DecodeJSON] and [Decode].
type DecodeOption func(*decodeConfig)

type decodeConfig struct {
	maxBytes        int64
	maxDepth        int
	disallowUnknown bool
	validator       *Validator
	skipValidation  bool
	anyContentType  bool
}

// MaxBytes sets the largest body accepted; a larger one is
// [apierr.TooLarge]. The default is [DefaultMaxBytes].
func MaxBytes(n int64) DecodeOption { return func(c *decodeConfig) { c.maxBytes = n } }

// MaxDepth sets how deeply objects and arrays may nest; a deeper body is
// [apierr.BadRequest]. The default is [DefaultMaxDepth].
func MaxDepth(n int) DecodeOption { return func(c *decodeConfig) { c.maxDepth = n } }

// DisallowUnknownFields makes each member of the body that the destination
// has no field for a field error of rule "unknown".
func DisallowUnknownFields() DecodeOption {
	return func(c *decodeConfig) { c.disallowUnknown = true }
}

// WithValidator validates the decoded value with v rather than with a
// default [Validator]; nil skips validation.
func WithValidator(v *Validator) DecodeOption {
	return func(c *decodeConfig) { c.validator, c.skipValidation = v, v == nil }
}

// AnyContentType skips the Content-Type check of [DecodeJSON].
func AnyContentType() DecodeOption { return func(c *decodeConfig) { c.anyContentType = true } }

func newDecodeConfig(opts []DecodeOption) decodeConfig {
	c := decodeConfig{maxBytes: DefaultMaxBytes, maxDepth: DefaultMaxDepth}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// DecodeJSON reads r's body as JSON into dst, a pointer, then validates
// it. Every failure is an [*apierr.ConditionError], ready for the
// middleware to render in the server's contract:
//
//   - a Content-Type other than application/json or application/*+json:
//     [apierr.UnsupportedMediaType] (see [AnyContentType]);
//   - a body over the limit: [apierr.TooLarge] (see [MaxBytes]);
//   - an empty body, a truncated one, one that is not JSON, one that nests
//     too deeply (see [MaxDepth]) or has data after the value:
//     [apierr.BadRequest] with the code's own message and the details
//     "reason" ([ReasonEmpty], [ReasonTruncated], [ReasonMalformed],
//     [ReasonTooDeep], [ReasonTrailingData]), "problem" (an English
//     sentence) and, where known, "offset" (0-based, in bytes);
//   - values of the wrong type, and unknown fields with
//     [DisallowUnknownFields]: [apierr.BadRequest] listing every one as a
//     field error on its JSON path;
//   - failed validation: [apierr.Validation] listing every failed field.
//
// A list holds at most [MaxFieldErrors] field errors, the last of them
// saying how many more were found (rule "truncated"); a member name or map
// key from the body longer than [MaxKeyBytes] is cut there and ends in "…".
//
// A handler that answers with its own code takes the fields with [Fields].
func DecodeJSON(r *http.Request, dst any, opts ...DecodeOption) error {
	c := newDecodeConfig(opts)
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
		return jsonbody.BadBody(ReasonEmpty, jsonbody.ProblemEmpty, io.EOF)
	}
	if !c.anyContentType {
		if err := checkContentType(r.Header.Get("Content-Type")); err != nil {
			return err
		}
	}
	if c.maxBytes > 0 && r.ContentLength > c.maxBytes {
		return tooLarge(c.maxBytes)
	}
	body, err := readBody(r.Body, c.maxBytes)
	if err != nil {
		return err
	}
	if err := decode(body, dst, &c); err != nil {
		return err
	}
	return c.validate(r, dst)
}

// Decode is [DecodeJSON] for a body already read: it decodes and validates
// body with the same checks, bar the Content-Type.
func Decode(body []byte, dst any, opts ...DecodeOption) error {
	c := newDecodeConfig(opts)
	if c.maxBytes > 0 && int64(len(body)) > c.maxBytes {
		return tooLarge(c.maxBytes)
	}
	if err := decode(body, dst, &c); err != nil {
		return err
	}
	return c.validate(nil, dst)
}

func (c *decodeConfig) validate(r *http.Request, dst any) error {
	if c.skipValidation {
		return nil
	}
	v := c.validator
	if v == nil {
		v = std()
	}
	if r == nil {
		return v.Validate(dst)
	}
	return v.ValidateRequest(r, dst)
}

func tooLarge(limit int64) *apierr.ConditionError {
	return DecodeError(&http.MaxBytesError{Limit: limit})
}

// checkContentType accepts application/json and application/*+json.
func checkContentType(ct string) error {
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && (mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")) {
		return nil
	}
	return &apierr.ConditionError{
		Condition: apierr.UnsupportedMediaType,
		Message:   "Request body must be JSON (Content-Type: application/json)",
	}
}

// readBody reads at most limit bytes (no limit if limit <= 0).
func readBody(body io.Reader, limit int64) ([]byte, error) {
	if limit > 0 {
		body = io.LimitReader(body, limit+1)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, DecodeError(err)
	}
	if limit > 0 && int64(len(b)) > limit {
		return nil, tooLarge(limit)
	}
	return b, nil
}

// decode decodes one JSON value, and nothing after it, into dst.
func decode(body []byte, dst any, c *decodeConfig) error {
	if len(bytes.TrimLeft(body, " \t\r\n")) == 0 {
		return DecodeError(io.EOF)
	}
	if off, ok := tooDeep(body, c.maxDepth); ok {
		return jsonbody.BadBody(ReasonTooDeep, jsonbody.ProblemTooDeep, nil).With("offset", off).With("maxDepth", c.maxDepth)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if c.disallowUnknown {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(dst); err != nil {
		return decodeFailure(body, dst, c, err)
	}
	off := dec.InputOffset()
	if rest := bytes.TrimLeft(body[off:], " \t\r\n"); len(rest) > 0 {
		off = int64(len(body) - len(rest))
		return jsonbody.BadBody(ReasonTrailingData, jsonbody.ProblemTrailing, nil).With("offset", off)
	}
	return nil
}

// decodeFailure classifies a decode error. When the body is valid JSON,
// the failure is in its values: every value of the wrong type (and every
// unknown field, if banned) is listed.
func decodeFailure(body []byte, dst any, c *decodeConfig, err error) error {
	ce := DecodeError(err)
	if ce.Condition != apierr.BadRequest || !json.Valid(body) {
		return ce
	}
	t := reflect.TypeOf(dst)
	if t == nil || t.Kind() != reflect.Pointer {
		return ce
	}
	tc := typeChecker{disallowUnknown: c.disallowUnknown}
	tc.check(bytes.TrimSpace(body), t.Elem(), "")
	if len(tc.fields) > 0 {
		ce.Message, ce.Details = "", nil
		ce.Fields = tc.result()
	}
	return ce
}

// tooDeep reports whether body nests objects and arrays deeper than max,
// and the offset of the bracket that goes too deep.
func tooDeep(body []byte, max int) (int64, bool) {
	if max <= 0 {
		return 0, false
	}
	depth := 0
	inString := false
	for i := 0; i < len(body); i++ {
		b := body[i]
		if inString {
			switch b {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		switch b {
		case '"':
			inString = true
		case '{', '[':
			depth++
			if depth > max {
				return int64(i), true
			}
		case '}', ']':
			depth--
		}
	}
	return 0, false
}
