// Package contracttest is conformance tests for an [apierr.Contract], for
// the contracts errkit ships and for teams writing their own.
//
// [Run] checks what every contract owes its clients: each code renders
// through [apierr.Render] as valid JSON with its status and parses back to
// itself; another catalogue's code is answered with the contract's code for
// its status, and a 5xx never shows a cause; a body that is not the
// contract's (an HTML page, an empty or truncated body) is an
// [*apierr.ParseError]; HEAD gets headers only; every [apierr.Condition] has
// a code. [FuzzParse] and [FuzzAppendBody] fuzz the parser and the encoder,
// [BenchmarkAppendBody] measures a body against the Nexpay v2 one.
//
//	func TestConformance(t *testing.T) {
//		contracttest.Run(t, mycontract.Contract, contracttest.Options{})
//	}
package contracttest
