package kit_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/apierr/kit"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
)

func ExampleCodeFor() {
	fmt.Println(kit.CodeFor(apierr.Nexpay, 405).Error())
	// Output: [GEN9405] Method not allowed
}

func ExampleAppendString() {
	fmt.Println(string(kit.AppendString(nil, `a "quoted" <b>`)))
	// Output: "a \"quoted\" \u003cb\u003e"
}

func ExampleAppendTimestamp() {
	t := time.Date(2026, 1, 15, 7, 30, 0, 5e6, time.FixedZone("BRT", -3*3600))
	fmt.Println(string(kit.AppendTimestamp(nil, t)))
	// Output: 2026-01-15T10:30:00.005Z
}

// AppendEscaped writes part of a JSON string: a prefix and a value, inside
// one pair of quotes.
func ExampleAppendEscaped() {
	dst := append([]byte(`"https://errkit.dev/problems/`), kit.AppendEscaped(nil, `PAY"0001`)...)
	fmt.Println(string(append(dst, '"')))
	// Output: "https://errkit.dev/problems/PAY\"0001"
}

func ExampleAppendValue() {
	out, _ := kit.AppendValue(nil, map[string]any{"minimum": 10, "currency": "BRL"})
	_, err := kit.AppendValue(nil, make(chan int))
	fmt.Println(string(out), err != nil)
	// Output: {"currency":"BRL","minimum":10} true
}

func ExampleDecodeFields() {
	fields, ok := kit.DecodeFields([]byte(`[{"field":"amount","rule":"gt","param":"0","message":"amount must be positive"}]`))
	fmt.Println(fields[0].Field, fields[0].Param, ok)
	_, ok = kit.DecodeFields([]byte(`[{}]`))
	fmt.Println(ok)
	// Output:
	// amount 0 true
	// false
}

func ExampleIsTraceHex() {
	fmt.Println(kit.IsTraceHex("4BF92F3577B34DA6A3CE929D0E0E4736"), kit.IsTraceHex("req-1"))
	// Output: true false
}

// Every Parse starts by refusing what cannot be an error body.
// A W3C trace ID is shown as it is; any other request ID as the first
// 16 bytes of its SHA-256.
func ExampleTraceHex() {
	fmt.Println(kit.TraceHex("0af7651916cd43dd8448eb211c80319c"))
	fmt.Println(len(kit.TraceHex("req-1")))
	// Output:
	// 0af7651916cd43dd8448eb211c80319c
	// 32
}

// A contract with a trace field says so, also behind an override; the
// trace ID of a request is then derived once, by whoever builds its Meta.
func ExampleShowsTrace() {
	legacy, _ := apierr.Override(nexpaylegacy.Contract, nil)
	fmt.Println(kit.ShowsTrace(apierr.Nexpay), kit.ShowsTrace(nexpaylegacy.Contract), kit.ShowsTrace(legacy),
		kit.ShowsTrace(cryptopay.Contract), kit.ShowsTrace(nil))
	// Output: false true true true false
}

func ExampleParseObject() {
	_, err := kit.ParseObject("acme", 502, []byte("<html>Bad Gateway</html>"))
	var pe *apierr.ParseError
	fmt.Println(errors.As(err, &pe), pe.Status, pe.Err)
	obj, _ := kit.ParseObject("acme", 404, []byte(` {"error":"NOT_FOUND"} `))
	fmt.Println(string(obj))
	// Output:
	// true 502 not a JSON object
	// {"error":"NOT_FOUND"}
}

func ExampleNewParseError() {
	err := kit.NewParseError("acme", 404, []byte(`{"error":42}`), errors.New("error is not a string"))
	fmt.Println(err)
	// Output: apierr: status 404: not a acme error body: error is not a string: "{\"error\":42}"
}

func ExampleParseTimestamp() {
	t, _ := kit.ParseTimestamp("2026-01-15T10:30:00.000Z")
	fmt.Println(t)
	// Output: 2026-01-15 10:30:00 +0000 UTC
}

// Conditions gives a contract its Code method: a condition the map does not
// name is answered with the internal error's code.
func ExampleConditions() {
	codes := kit.Conditions{apierr.Internal: apierr.GEN9001, apierr.NotFound: apierr.GEN9404}
	fmt.Println(codes.Code(apierr.NotFound).ID(), codes.Code(apierr.RateLimited).ID())
	// Output: GEN9404 GEN9001
}

// A contract package registers its contract once, so that json.Marshal of
// its catalogue's errors renders its body.
func ExampleRegisterContract() {
	kit.RegisterContract(acme{})
	b, _ := json.Marshal(apierr.New(acmeNotFound))
	fmt.Println(string(b))
	// Output: {"error":"NOT_FOUND","detail":"Not found"}
}

func ExampleMustJSON() {
	fmt.Println(string(kit.MustJSON(map[string]any{"type": "object", "required": []string{"error"}})))
	// Output: {"required":["error"],"type":"object"}
}

// A contract answers authentication failures from a table of its own codes.
func ExampleAuthCodes() {
	codes := kit.AuthCodes{apierr.AuthKeyMissing: apierr.GEN9003, apierr.AuthSignatureInvalid: apierr.AUT0001}
	fmt.Println(codes.Code(apierr.AuthSignatureInvalid).ID(), codes.Code(apierr.AuthNonceReused).Valid())
	// Output: AUT0001 false
}

func ExampleAuthCode() {
	for _, f := range []apierr.AuthFailure{apierr.AuthKeyMissing, apierr.AuthKeyInvalid, apierr.AuthTimestampExpired} {
		code := kit.AuthCode(apierr.Nexpay, f)
		fmt.Println(f, code.ID(), code.Status(), code.Message())
	}
	// Output:
	// key_missing GEN9003 401 Unauthorized
	// key_invalid AUT0003 401 Invalid API key
	// timestamp_expired AUT0002 401 Session expired
}

func ExampleAuthFailures() {
	fs := kit.AuthFailures()
	fmt.Println(len(fs), fs[0], fs[len(fs)-1])
	// Output: 18 key_missing permission_denied
}

// A contract's tests hold it to answer every condition.
func ExampleAllConditions() {
	for _, cond := range kit.AllConditions() {
		if code := apierr.Nexpay.Code(cond); !code.Valid() {
			fmt.Println(cond, "has no code")
		}
	}
	all := kit.AllConditions()
	fmt.Println(len(all), all[0], all[len(all)-1])
	// Output: 18 internal in_progress
}
