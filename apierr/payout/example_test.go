package payout_test

import (
	"fmt"
	"net/http/httptest"
	"os"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
	"github.com/errkit/errkit/apierr/payout"
)

func Example() {
	rec := httptest.NewRecorder()
	_ = apierr.Render(rec, nil, payout.Contract, apierr.New(payout.InvalidAPIKey))
	fmt.Println(rec.Code)
	fmt.Println(rec.Body)
	// Output:
	// 401
	// {"message":"Invalid API key","code":"unauthorized","error":{"code":"unauthorized","message":"Invalid API key"}}
}

// Validation failures list every field; the message is the first field's.
func Example_validation() {
	e := apierr.NewCondition(apierr.Validation).WithFields(
		apierr.FieldError{Field: "amount", Rule: "decimal", Message: "amount must be a positive decimal string"},
		apierr.FieldError{Field: "currency", Rule: "required", Message: "currency is required"},
	).In(payout.Contract)
	body, _ := apierr.AppendBody(nil, payout.Contract, e, apierr.Meta{})
	fmt.Println(e.Status())
	os.Stdout.Write(body)
	// Output:
	// 422
	// {"message":"amount must be a positive decimal string","code":"validation_error","errors":[{"field":"amount","message":"amount must be a positive decimal string"},{"field":"currency","message":"currency is required"}],"error":{"code":"validation_error","message":"amount must be a positive decimal string"}}
}

func ExampleCurrencyMismatch() {
	body, _ := apierr.AppendBody(nil, payout.Contract, payout.CurrencyMismatch("EUR"), apierr.Meta{})
	os.Stdout.Write(body)
	// Output: {"message":"Shop currency mismatch. Expected EUR.","code":"validation_error","error":{"code":"validation_error","message":"Shop currency mismatch. Expected EUR."}}
}

func ExampleWireCode() {
	fmt.Println(payout.WireCode(payout.TimestampWindowExceeded), payout.WireCode(payout.RateLimited), payout.WireCode(apierr.PAY0001))
	// Output: unauthorized forbidden not_found
}

func ExampleField() {
	fmt.Println(payout.Field(payout.CallbackURLInvalid))
	// Output: callback_url
}

func ExamplePayoutContract_Parse() {
	e, _ := payout.Contract.Parse(404, []byte(`{"message":"Payout not found","code":"not_found","error":{"code":"not_found","message":"Payout not found"}}`))
	fmt.Println(e.ID(), e.Code() == payout.PayoutNotFound)
	// Output: payout_not_found true
}

func ExamplePayoutContract_ErrorSchemas() {
	name, _ := payout.Contract.(*payout.PayoutContract).ErrorSchemas()
	fmt.Println(name)
	// Output: PayoutError
}

// Each generic condition has the contract's own code; a server's auth and
// not-found failures use [payout.Roles].
func Example_conditions() {
	for _, cond := range []apierr.Condition{apierr.Validation, apierr.Unauthorized, apierr.NotFound, apierr.RateLimited, apierr.Maintenance} {
		code := payout.Contract.Code(cond)
		fmt.Printf("%s: %s %d\n", cond, code.ID(), code.Status())
	}
	fmt.Println(payout.Roles.InvalidCredentials.ID())
	// Output:
	// validation: validation_error 422
	// unauthorized: api_key_required 401
	// not_found: not_found 404
	// rate_limited: rate_limited 403
	// maintenance: maintenance 500
	// invalid_api_key
}

func ExamplePayoutContract_AuthCode() {
	for _, f := range []apierr.AuthFailure{apierr.AuthTimestampMissing, apierr.AuthTimestampInvalid, apierr.AuthTimestampExpired, apierr.AuthSignatureInvalid} {
		fmt.Println(kit.AuthCode(payout.Contract, f).Message())
	}
	// Output:
	// Timestamp required
	// Invalid timestamp format
	// Timestamp window exceeded
	// Invalid signature
}
