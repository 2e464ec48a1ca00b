package problem

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// Name is the contract's name, as the example server's -contract flag spells it.
const Name = "problem"

// ContentType is the media type of problem details (RFC 9457 section 3).
const ContentType = "application/problem+json"

// DefaultTypeBase is the type URI prefix of [Contract].
const DefaultTypeBase = "https://errkit.dev/problems/"

// maxInstance bounds the instance member; a longer path is left out.
const maxInstance = 2048

// ProblemContract is the RFC 9457 contract over the Nexpay v2 catalogue.
type ProblemContract struct {
	base string
}

// Contract is the RFC 9457 contract with type URIs under [DefaultTypeBase].
var Contract apierr.Contract = New(DefaultTypeBase)

// New returns the contract with type URIs typeBase + code
// ("https://api.example.com/problems/" gives
// "https://api.example.com/problems/PAY0001"). An empty typeBase makes every
// type "about:blank".
func New(typeBase string) *ProblemContract { return &ProblemContract{base: typeBase} }

// Name returns "problem".
func (*ProblemContract) Name() string { return Name }

// ContentType returns "application/problem+json".
func (*ProblemContract) ContentType() string { return ContentType }

// Catalogue returns the Nexpay v2 catalogue.
func (*ProblemContract) Catalogue() *apierr.Catalogue { return apierr.Nexpay.Catalogue() }

// Code returns the code [apierr.Nexpay] answers cond with.
func (*ProblemContract) Code(cond apierr.Condition) apierr.Code { return apierr.Nexpay.Code(cond) }

// TypeURI returns the type member of code's problems.
func (c *ProblemContract) TypeURI(code apierr.Code) string {
	if c.base == "" || code.Extension() || !code.Valid() {
		return "about:blank"
	}
	return c.base + code.ID()
}

// instance returns the request's path for the instance member: with one
// leading slash (a leading "//" would make it a network-path reference), or
// "" when there is none or it is too long.
func instance(p string) string {
	if p == "" || len(p) > maxInstance {
		return ""
	}
	if strings.HasPrefix(p, "//") {
		p = p[len(p)-len(strings.TrimLeft(p, "/"))-1:]
	}
	return p
}

// AppendBody appends b's problem details to dst. A code the catalogue does
// not hold (a parsed body's), an extension code, and a code sent with
// another status than its own are about:blank, titled with the status's
// reason phrase. An authentication failure ([apierr.Body].Auth) has a type
// of its own, [ProblemContract.AuthTypeURI], titled with the failure's
// title; the code's message is its detail.
func (c *ProblemContract) AppendBody(dst []byte, b apierr.Body) ([]byte, error) {
	code, status := b.Code, b.Status
	blank := c.base == "" || !code.Valid() || code.Extension() || b.ID != code.ID() || status != code.Status()
	title := code.Message()
	if blank {
		if title = http.StatusText(status); title == "" {
			title = b.Message
		}
	}
	auth := !blank && b.Auth.Valid()
	if auth {
		title = b.Auth.Title()
	}
	msg := b.Message
	if msg == "" {
		msg = title
	}
	dst = append(dst, `{"type":`...)
	switch {
	case blank:
		dst = append(dst, `"about:blank"`...)
	case auth:
		dst = kit.AppendString(dst, c.AuthTypeURI(b.Auth))
	default:
		dst = kit.AppendString(dst, c.base)
		dst = kit.AppendEscaped(dst[:len(dst)-1], b.ID)
		dst = append(dst, '"')
	}
	dst = append(dst, `,"title":`...)
	dst = kit.AppendString(dst, title)
	dst = append(dst, `,"status":`...)
	dst = strconv.AppendInt(dst, int64(status), 10)
	if msg != title {
		dst = append(dst, `,"detail":`...)
		dst = kit.AppendString(dst, msg)
	}
	if inst := instance(b.Meta.Instance); inst != "" {
		dst = append(dst, `,"instance":`...)
		dst = kit.AppendString(dst, inst)
	}
	dst = append(dst, `,"code":`...)
	dst = kit.AppendString(dst, b.ID)
	if len(b.Fields) > 0 {
		dst = append(dst, `,"errors":`...)
		dst = b.AppendFields(dst)
	}
	if len(b.Details) > 0 {
		dst = append(dst, `,"details":`...)
		b.Fields = nil // written as errors above
		var err error
		if dst, err = b.AppendDetails(dst); err != nil {
			return dst, fmt.Errorf("problem: %w", err)
		}
	}
	return append(dst, '}'), nil
}

// body is the members Parse reads; the others are extension members.
type body struct {
	Type     *string         `json:"type"`
	Title    *string         `json:"title"`
	Detail   *string         `json:"detail"`
	Instance *string         `json:"instance"`
	Code     *string         `json:"code"`
	Status   json.RawMessage `json:"status"`
	Errors   []fieldEntry    `json:"errors"`
	Details  json.RawMessage `json:"details"`
}

var members = []string{"type", "title", "detail", "instance", "code", "status", "errors", "details"}

// Parse turns problem details back into an error. status is the response's
// HTTP status, or 0 to take the body's. The code comes from the code member,
// else from a type under the contract's type base, else from the status; a
// code the catalogue does not hold is kept as it is
// ([apierr.Catalogue.Unregistered]). detail becomes the message when it is
// not the code's; errors, and a fields list in details, become field
// errors; the members of details, and extension members errkit does not
// write, become details. instance is not kept.
//
// A body of another server keeps the response's status even when the body
// has none, or names a code of another status (a 422 is not turned into
// the 400 of [apierr.GEN9002]: the error is [apierr.Catalogue.Unregistered],
// under the code's ID, or that of the contract's code for the status). The entries of errors may be errkit's field errors or those
// of RFC 9457's own example (section 3), {"detail": ..., "pointer":
// "#/profile/color"}, whose field is the pointer's path: profile.color,
// items[0].amount for "#/items/0/amount".
func (c *ProblemContract) Parse(status int, data []byte) (*apierr.Error, error) {
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
	all, topFields, err := kit.DecodeDetails(trimmed)
	if err != nil {
		return fail(err)
	}
	details, fields, err := kit.DecodeDetails(b.Details)
	if err != nil {
		return fail(fmt.Errorf("details: %w", err))
	}
	fields = append(append(entryFields(b.Errors), fields...), topFields...)
	for _, m := range all {
		if !slices.ContainsFunc(members, func(name string) bool { return strings.EqualFold(name, m.Key) }) {
			details = append(details, m)
		}
	}
	if len(b.Status) > 0 {
		var s int
		if json.Unmarshal(b.Status, &s) != nil || s < 400 || s > 599 {
			return fail(errors.New("status is not an error status"))
		}
		if status == 0 {
			status = s
		}
	}
	typ, title, detail, id := deref(b.Type), deref(b.Title), deref(b.Detail), deref(b.Code)
	if id == "" && c.base != "" && strings.HasPrefix(typ, c.base) {
		id = typ[len(c.base):]
	}
	code, known := c.Catalogue().Lookup(id)
	msg := detail
	if b.Detail == nil && !known {
		msg = title
	}
	var e *apierr.Error
	switch {
	case known:
	case status == 0:
		return fail(errors.New("no known code and no status"))
	case id != "":
		e = c.Catalogue().Unregistered(apierr.Spec{ID: id, Status: status, Message: msg})
	case typ == "" && b.Title == nil && b.Detail == nil:
		return fail(errors.New("not a problem details object"))
	default:
		code = kit.CodeFor(c, status)
	}
	if e == nil && status != 0 && code.Status() != status {
		// The code does not have the status the response was sent with
		// (a 422 without a code is not GEN9002's 400): keep the status,
		// under the code's ID.
		if msg == "" {
			msg = code.Message()
		}
		e = c.Catalogue().Unregistered(apierr.Spec{ID: code.ID(), Status: status, Message: msg})
	}
	if e == nil {
		e = apierr.New(code)
		if msg != "" && msg != code.Message() {
			e.Msg(msg)
		}
	}
	if len(fields) > 0 {
		e.WithFields(fields...)
	}
	for _, d := range details {
		e.With(d.Key, d.Value)
	}
	return e, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
