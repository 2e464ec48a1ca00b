// Package kit is for authors of an error contract: the building blocks of
// an [apierr.Contract]'s AppendBody and Parse, and its registration.
//
// A contract receives an [apierr.Body], the code, message and status that
// [apierr.RenderMeta] resolved once (overrides included) and the request's
// [apierr.Meta], and writes it as it is: it never works a code out again.
// Its body is appended with [AppendString], [AppendEscaped], [AppendValue],
// [AppendTimestamp] and the Body's own AppendDetails and AppendFields; its
// Parse starts with [ParseObject], reads details with [DecodeDetails] and
// refuses with [NewParseError]. [Conditions] is the code per condition,
// [RegisterContract] makes json.Marshal of the catalogue's errors render
// the contract, and [MustJSON] builds its OpenAPI schemas. The package
// example is a complete contract in about fifty lines; package
// apierr/contracttest checks that a contract keeps its promises.
//
// These helpers were exported by package apierr before, which now keeps
// what handler authors and clients use: AppendString, AppendValue,
// AppendFields (now [apierr.Body.AppendFields]), AppendTimestamp,
// TimestampLayout, JSONContentType, DecodeDetails, DecodeFields,
// IsTraceHex, TraceHex, ShowsTrace, AuthCode, AuthFailures, ConditionForStatus, Conditions (now AllConditions), AppendBody, NewParseError, RegisterContract and CodeFor moved
// here;
// Resolve gave way to [apierr.Body]; AppendTraceHex went (a contract shows
// [apierr.Meta].TraceID as it is).
package kit
