package nexpaylegacy_test

import (
	"fmt"
	"net/http/httptest"
	"os"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
)

func Example() {
	r := httptest.NewRequest("GET", "/api/v1/rates?symbol=BTCUSD", nil)
	r.Header.Set("X-Request-Id", "b1d88d60011a9bda350b0eef7dc8dcbb")
	rec := httptest.NewRecorder()
	e := apierr.New(nexpaylegacy.InvalidRequest).With("data", "Unknown symbol BTCUSD")
	_ = apierr.Render(rec, r, nexpaylegacy.Contract, e)
	fmt.Println(rec.Code)
	fmt.Println(rec.Body)
	// Output:
	// 400
	// {"errors":[{"code":-32600,"message":"Invalid Request","data":"Unknown symbol BTCUSD"}],"traceId":"b1d88d60011a9bda350b0eef7dc8dcbb"}
}

// A validation failure is one 30010 entry per field.
func Example_validation() {
	e := apierr.NewCondition(apierr.Validation).WithFields(
		apierr.FieldError{Field: "amount", Rule: "gt", Param: "0", Message: "amount must be positive"},
		apierr.FieldError{Field: "iban", Rule: "required", Message: "iban is required"},
	).In(nexpaylegacy.Contract)
	body, _ := apierr.AppendBody(nil, nexpaylegacy.Contract, e, apierr.Meta{})
	os.Stdout.Write(body)
	// Output: {"errors":[{"code":30010,"message":"Invalid request parameter","data":"amount (gt=0): amount must be positive"},{"code":30010,"message":"Invalid request parameter","data":"iban (required): iban is required"}]}
}

func ExampleFieldData() {
	fmt.Println(nexpaylegacy.FieldData(apierr.FieldError{Field: "amount", Rule: "lte", Param: "100", Message: "amount is too big"}))
	// Output: amount (lte=100): amount is too big
}

func ExampleLegacyContract_Parse() {
	e, _ := nexpaylegacy.Contract.Parse(400, []byte(`{"errors":[{"code":30240,"message":"Invalid cryptocurrency address"}],"traceId":"092b0d1cf5dfadac6f148039d40851ea"}`))
	trace, _ := e.Detail("traceId")
	fmt.Println(e.ID(), e.Code() == nexpaylegacy.InvalidCryptoAddress, trace)
	// Output: 30240 true 092b0d1cf5dfadac6f148039d40851ea
}

func ExampleLegacyContract_ErrorSchemas() {
	name, _ := nexpaylegacy.Contract.(*nexpaylegacy.LegacyContract).ErrorSchemas()
	fmt.Println(name)
	// Output: NexpayLegacyError
}

// Each generic condition has the contract's own code; a server's auth and
// not-found failures use [nexpaylegacy.Roles].
func Example_conditions() {
	for _, cond := range []apierr.Condition{apierr.Validation, apierr.Unauthorized, apierr.NotFound, apierr.RateLimited, apierr.Maintenance} {
		code := nexpaylegacy.Contract.Code(cond)
		fmt.Printf("%s: %s %d\n", cond, code.ID(), code.Status())
	}
	fmt.Println(nexpaylegacy.Roles.InvalidCredentials.ID())
	// Output:
	// validation: 30010 400
	// unauthorized: 10 403
	// not_found: 90404 404
	// rate_limited: 90429 403
	// maintenance: 91503 500
	// 40
}

func ExampleLegacyContract_AuthCode() {
	for _, f := range []apierr.AuthFailure{apierr.AuthNonceMissing, apierr.AuthNonceReused, apierr.AuthSignatureInvalid} {
		code := kit.AuthCode(nexpaylegacy.Contract, f)
		fmt.Println(code.ID(), code.Status(), code.Message())
	}
	// Output:
	// 20 403 Missing nonce
	// 50 403 Nonce is not monotonous
	// 70 403 Wrong signature
}
