// Package validation turns validator/v10 and JSON-binding failures into
// [apierr.FieldError] lists, each tied to the JSON path the client sent.
//
// A [Validator] is built once at start-up with [New]; its Validate method
// satisfies echo's Validator interface and returns an
// [*apierr.ConditionError] of condition [apierr.Validation] that lists every
// failure at once. [DecodeJSON] reads a request body with a size limit, a
// Content-Type check, a depth limit and, optionally, a ban on unknown
// fields; [DecodeError] classifies an encoding/json error the same way, and
// [BindQuery] and [BindPath] bind parameters with errors that name them.
// The payment rules (amount, iban, crypto_address, strfmt, ...) are
// registered as tags on every Validator.
//
// Field messages are plain strings and a failure's field list an ordinary
// slice: nothing a failure returns shares memory with another request's.
// Package middleware answers this package's errors without importing it:
// they are [*apierr.ConditionError] values, and encoding/json's errors are
// classified by the same code as [DecodeError].
package validation
