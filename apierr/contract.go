package apierr

import (
	"fmt"
	"net/http"
)

// A Contract is one API's error dialect: the body an error is rendered as,
// its content type, how such a body is parsed back, and which code answers
// each generic [Condition]. [Nexpay] is the default; further contracts are
// packages under apierr/ that implement this interface with the building
// blocks of package apierr/kit.
//
// A contract may also have these optional methods, found also through
// [Override]:
//
//   - AuthCode(AuthFailure) Code: the code of its catalogue it answers an
//     authentication failure with, the zero Code for one it has none for
//     (see [AuthFailure]);
//   - ShowsTrace() bool: whether its bodies show [Meta].TraceID.
type Contract interface {
	// Name is the contract's short name ("nexpay").
	Name() string
	// ContentType is the Content-Type of error bodies.
	ContentType() string
	// Catalogue holds the contract's own codes.
	Catalogue() *Catalogue
	// Code returns the code that answers a generic condition.
	Code(Condition) Code
	// AppendBody appends the body of b to dst: the code, message and
	// status [RenderMeta] resolved, as they are, and the request metadata
	// the contract shows. It fails only for a detail JSON cannot carry.
	AppendBody(dst []byte, b Body) ([]byte, error)
	// Parse turns a body of this contract back into an error. It returns a
	// [*ParseError] for a body that is not of the contract.
	Parse(status int, body []byte) (*Error, error)
}

// A Condition is a failure every API has, whatever its catalogue: the
// request was malformed, the route unknown, the client rate limited...
// Each contract answers each condition with one of its codes.
type Condition uint8

// The generic conditions.
const (
	Internal             Condition = iota // anything unexpected: 500
	BadRequest                            // malformed request (bad JSON, bad parameter): 400
	Validation                            // well-formed request that failed validation
	Unauthorized                          // no or bad credentials: 401
	Forbidden                             // credentials without the permission: 403
	NotFound                              // no route for the path: 404
	MethodNotAllowed                      // route exists, method does not: 405
	RequestTimeout                        // the client was too slow: 408
	Conflict                              // conflicts with the resource's state or another request: 409
	TooLarge                              // body over the limit: 413
	UnsupportedMediaType                  // Content-Type not accepted: 415
	IdempotencyMismatch                   // idempotency key reused with a different request
	RateLimited                           // too many requests: 429
	BadGateway                            // an upstream answered badly: 502
	Unavailable                           // temporarily unavailable, not maintenance: 503
	Maintenance                           // maintenance mode: 503 with Retry-After
	Timeout                               // deadline exceeded: 504
	InProgress                            // its idempotency key is held by a request still running: 409
	numConditions
)

var conditionNames = [numConditions]string{
	"internal", "bad_request", "validation", "unauthorized", "forbidden", "not_found",
	"method_not_allowed", "request_timeout", "conflict", "too_large", "unsupported_media_type",
	"idempotency_mismatch", "rate_limited", "bad_gateway", "unavailable", "maintenance", "timeout",
	"in_progress",
}

// Valid reports whether c is one of the conditions.
func (c Condition) Valid() bool { return c < numConditions }

// String returns the condition's snake_case name.
func (c Condition) String() string {
	if c < numConditions {
		return conditionNames[c]
	}
	return fmt.Sprintf("Condition(%d)", uint8(c))
}

// ConditionForStatus returns the condition an HTTP error status stands for:
// the one whose meaning is that status ([Validation] for 422), else
// [BadRequest] for other 4xx and [Internal] for everything else.
// [RenderMeta] answers an error of another catalogue with the contract's
// code for the condition of its status; the doors answer a framework's own
// HTTP errors with it.
func ConditionForStatus(status int) Condition {
	switch status {
	case http.StatusBadRequest:
		return BadRequest
	case http.StatusUnauthorized:
		return Unauthorized
	case http.StatusForbidden:
		return Forbidden
	case http.StatusNotFound:
		return NotFound
	case http.StatusMethodNotAllowed:
		return MethodNotAllowed
	case http.StatusRequestTimeout:
		return RequestTimeout
	case http.StatusConflict:
		return Conflict
	case http.StatusRequestEntityTooLarge:
		return TooLarge
	case http.StatusUnsupportedMediaType:
		return UnsupportedMediaType
	case http.StatusUnprocessableEntity:
		return Validation
	case http.StatusTooManyRequests:
		return RateLimited
	case http.StatusBadGateway:
		return BadGateway
	case http.StatusServiceUnavailable:
		return Unavailable
	case http.StatusGatewayTimeout:
		return Timeout
	}
	if status >= 400 && status < 500 {
		return BadRequest
	}
	return Internal
}

// Override returns c answering the given conditions with other codes, for a
// team whose catalogue has its own code for, say, rate limiting. Every code
// must be of c's catalogue. The result has a method Unwrap() Contract that
// returns c, for code that looks for c's optional interfaces.
func Override(c Contract, codes map[Condition]Code) (Contract, error) {
	o := &overridden{Contract: c}
	if prev, ok := c.(*overridden); ok {
		o.Contract = prev.Contract
		o.codes = prev.codes
	}
	for cond, code := range codes {
		if cond >= numConditions {
			return nil, fmt.Errorf("apierr: override: unknown condition %d", uint8(cond))
		}
		if code.Catalogue() != c.Catalogue() {
			return nil, fmt.Errorf("apierr: override %s: code %s is not of the %s catalogue", cond, code, c.Catalogue().Name())
		}
		o.codes[cond] = code
	}
	return o, nil
}

type overridden struct {
	Contract
	codes [numConditions]Code
}

// Unwrap returns the contract the overrides apply to, so that optional
// interfaces of the contract (an OpenAPI schema provider, say) stay
// reachable.
func (o *overridden) Unwrap() Contract { return o.Contract }

func (o *overridden) Code(c Condition) Code {
	if c < numConditions && o.codes[c] != 0 {
		return o.codes[c]
	}
	return o.Contract.Code(c)
}
