// Package kit is for authors of an error contract, and for the tooling and
// middleware around contracts: the building blocks of an
// [apierr.Contract]'s AppendBody and Parse, its registration, and the
// lookups only such code needs.
//
// A contract receives an [apierr.Body], the code, message and status that
// [apierr.RenderMeta] resolved once (overrides included) and the request's
// [apierr.Meta], and writes it as it is: it never works a code out again.
// Its body is appended with [AppendString], [AppendEscaped], [AppendValue],
// [AppendTimestamp] and the Body's own AppendDetails and AppendFields; its
// Parse starts with [ParseObject], reads details with [DecodeDetails] and
// refuses with [NewParseError]. [Conditions] is the code per condition and
// [AuthCodes] the code per authentication failure, [RegisterContract] makes
// json.Marshal of the catalogue's errors render the contract, and
// [MustJSON] builds its OpenAPI schemas. The package example is a complete
// contract in about fifty lines; package apierr/contracttest checks that a
// contract keeps its promises.
//
// Tests, tooling and the middleware look up what a contract answers:
// [CodeFor] maps an HTTP status to a contract's code; [AuthCode] is a
// contract's code for an [apierr.AuthFailure]; [AllConditions] and
// [AuthFailures] list them all; [ShowsTrace] tells whether a contract's
// bodies show a trace ID, which [TraceHex] derives from a request ID.
//
// These helpers were exported by package apierr before, which now keeps
// what handler authors and clients use. AppendString, AppendValue,
// AppendTimestamp, TimestampLayout, JSONContentType, DecodeDetails,
// DecodeFields, IsTraceHex, TraceHex, ShowsTrace, AuthCode, AuthFailures,
// NewParseError, RegisterContract and CodeFor moved here; apierr.Conditions is
// [AllConditions]; AppendFields is [apierr.Body.AppendFields]; Resolve gave
// way to [apierr.Body]; AppendTraceHex went (a contract shows
// [apierr.Meta].TraceID as it is). A contract's optional methods
// AuthCode(apierr.AuthFailure) apierr.Code and ShowsTrace() bool are found
// structurally (apierr's AuthCoder interface is no longer exported).
package kit
