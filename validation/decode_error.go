package validation

import (
	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/internal/jsonbody"
)

// Reasons a body is a [apierr.BadRequest], in its detail "reason"; the
// detail "problem" says the same in English. The message stays the code's
// own, as the contract's catalogue has it.
const (
	ReasonEmpty        = jsonbody.ReasonEmpty        // no body, or only white space
	ReasonTruncated    = jsonbody.ReasonTruncated    // the body ends inside the value
	ReasonMalformed    = jsonbody.ReasonMalformed    // not JSON; "offset" says where
	ReasonTooDeep      = jsonbody.ReasonTooDeep      // nests beyond the limit; "offset", "maxDepth"
	ReasonTrailingData = jsonbody.ReasonTrailingData // more after the value; "offset"
	ReasonUnreadable   = jsonbody.ReasonUnreadable   // the body could not be read
)

// DecodeError classifies an error of encoding/json (or of reading the body
// it decoded) as the failure the client should see:
//
//   - a body that is not JSON: [apierr.BadRequest] with the details
//     "reason" [ReasonMalformed], "problem" (an English sentence) and
//     "offset", the 0-based byte offset of the first bad byte;
//   - an empty body (io.EOF) or a truncated one (io.ErrUnexpectedEOF):
//     [apierr.BadRequest] with the reason [ReasonEmpty] or [ReasonTruncated];
//   - a value of the wrong type: [apierr.BadRequest] with a field error on
//     its JSON path, rule "type" ("amount must be a string");
//   - an unknown field (Decoder.DisallowUnknownFields): [apierr.BadRequest]
//     with a field error of rule "unknown";
//   - a body over http.MaxBytesReader's limit: [apierr.TooLarge] with the
//     detail "limit";
//   - nesting beyond encoding/json's depth limit: [apierr.BadRequest] with
//     the reason [ReasonTooDeep];
//   - a read deadline: [apierr.RequestTimeout].
//
// Any other error is a [apierr.BadRequest] with the reason
// [ReasonUnreadable]. A [apierr.BadRequest] keeps the code's message. The error
// is kept as the cause, for logs; it is never rendered. DecodeError returns
// nil for nil.
//
// The middleware classifies encoding/json's errors the same way without
// importing this package.
func DecodeError(err error) *apierr.ConditionError { return jsonbody.Classify(err) }
