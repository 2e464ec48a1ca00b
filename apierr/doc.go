// Package apierr is errkit's error model: typed codes, the [Error] a handler
// returns, and the contracts that render it to the wire and parse it back.
//
// The Nexpay v2 catalogue is built in: every code of the provider's table is a
// constant ([PAY0001], [QOT0003], ...) that knows its HTTP status, message and
// [Module]. A code is itself an error, and [New] makes a richer one:
//
//	return apierr.New(apierr.QOT0003).With("fromCurrency", "BRL").With("toCurrency", "USD")
//
// renders, through [Render] or json.Marshal, as the Nexpay v2 body
//
//	{"statusCode":422,"code":"[QOT0003]","message":"[QOT0003] Currency pair unavailable",
//	 "timestamp":"2026-01-15T10:30:00.000Z","details":{"fromCurrency":"BRL","toCurrency":"USD"}}
//
// errors.Is(err, apierr.QOT0003) holds for that error at any wrapping depth, and
// for the error [Parse] builds from such a body on the client side.
//
// A [Contract] is one API's error dialect: body shape, content type, parsing,
// and which [Code] answers each generic [Condition]. [Nexpay] is the default;
// the other contracts live in their own packages under apierr/ and register
// their own [Catalogue]. Conditions the provider gives no code for (unknown
// route, 405, 413, 415, 429, ...) are answered by errkit extension codes,
// GEN9 followed by the status ([GEN9404], [GEN9429], ...), which [Override]
// can replace. [Render] decides the code, message and status of a failure
// once, with the contract it is given, and hands the contract those values
// as a [Body] with the request's [Meta]: the status line and the body always
// agree.
//
// This package is for handler authors and clients. What only a contract's
// author, tooling or the middleware needs is in package apierr/kit: the
// JSON encoders (AppendString, AppendValue, AppendTimestamp), DecodeDetails
// and DecodeFields, IsTraceHex and TraceHex, ShowsTrace, AuthCode and
// AuthFailures, Conditions (kit.AllConditions), NewParseError,
// RegisterContract and CodeFor moved there from here, and Resolve gave way to [Body]. A request's ID is read
// from its X-Request-Id header ([MetaOf]), which the middleware sets.
//
//go:generate go run ./internal/cmd/gencodes -in codes.txt -out codes_gen.go
package apierr
