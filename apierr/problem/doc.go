// Package problem is the RFC 9457 problem details contract for errkit: the
// Nexpay v2 catalogue rendered as application/problem+json.
//
// A body has the standard members type, title, status, detail and instance,
// and three extension members: code (the Nexpay code, "PAY0001"), errors
// (the field errors, as [apierr.Body.AppendFields] writes them) and details (the
// error's details, an object):
//
//	{"type":"https://errkit.dev/problems/PAY0001","title":"Payment not found","status":404,
//	 "instance":"/v2/payments/p_1","code":"PAY0001"}
//
// type is the type base ([DefaultTypeBase], or the one given to [New])
// followed by the code; errkit's extension codes, which stand for plain HTTP
// conditions (GEN9404, GEN9429, ...), are "about:blank" with the status's
// reason phrase as title, as RFC 9457 section 4.2.1 asks. title is the
// code's catalogue message; detail is the error's own message when it has
// one (for about:blank, the code's message). instance is the request's
// path, percent-encoded, never starting with "//".
//
// The contract answers each generic [apierr.Condition] with the code
// [apierr.Nexpay] does, so a team can move between the two contracts without
// changing a handler. The catalogue is Nexpay's, so json.Marshal of an
// error still renders the Nexpay v2 body: render problem bodies with
// [apierr.Render] or [apierr.AppendBody].
package problem
