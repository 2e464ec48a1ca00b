package cryptopay_test

import (
	"fmt"
	"net/http/httptest"
	"os"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/apierr/kit"
)

func Example() {
	r := httptest.NewRequest("POST", "/api/invoices", nil)
	r.Header.Set("X-Request-Id", "b1d88d60011a9bda350b0eef7dc8dcbb")
	rec := httptest.NewRecorder()
	_ = apierr.Render(rec, r, cryptopay.Contract, apierr.New(cryptopay.Unauthenticated))
	fmt.Println(rec.Code)
	fmt.Println(rec.Body)
	// Output:
	// 401
	// {"error":{"code":"unauthenticated","message":"unauthenticated","details":[]},"meta":{"request_id":"b1d88d60011a9bda350b0eef7dc8dcbb"}}
}

// Validation failures are 422 invalid, one details entry per field.
func Example_validation() {
	r := httptest.NewRequest("POST", "/api/invoices", nil)
	r.Header.Set("X-Request-Id", "req-1") // not hex: derived
	e := apierr.NewCondition(apierr.Validation).WithFields(apierr.FieldError{
		Field: "charged_amount", Rule: "lte", Param: "167.75", Message: "charged_amount must be less than or equal to 167.75",
	}).In(cryptopay.Contract)
	body, _ := apierr.AppendBody(nil, cryptopay.Contract, e, apierr.MetaOf(r))
	os.Stdout.Write(body)
	// Output: {"error":{"code":"invalid","message":"invalid","details":[{"code":"must_be_less_than_or_equal","target":"charged_amount","message":"charged_amount must be less than or equal to 167.75","args":{"value":"167.75"}}]},"meta":{"request_id":"9456bdfa12ea76959c94a3572f5d91c7"}}
}

func ExampleRuleCode() {
	fmt.Println(cryptopay.RuleCode("lte"), cryptopay.RuleCode("required"), cryptopay.RuleCode("iban"))
	// Output: must_be_less_than_or_equal required invalid_iban
}

func ExampleCryptopayContract_Parse() {
	e, _ := cryptopay.Contract.Parse(404, []byte(`{"error":{"code":"not_found","message":"not_found","details":[]},"meta":{"request_id":"092b0d1cf5dfadac6f148039d40851ea"}}`))
	id, _ := e.Detail("request_id")
	fmt.Println(e.ID(), e.Status(), id)
	// Output: not_found 404 092b0d1cf5dfadac6f148039d40851ea
}

func ExampleCryptopayContract_ErrorSchemas() {
	name, _ := cryptopay.Contract.(*cryptopay.CryptopayContract).ErrorSchemas()
	fmt.Println(name)
	// Output: CryptopayError
}

// Each generic condition has the contract's own code; a server's auth and
// not-found failures use [cryptopay.Roles].
func Example_conditions() {
	for _, cond := range []apierr.Condition{apierr.Validation, apierr.Unauthorized, apierr.NotFound, apierr.RateLimited, apierr.Maintenance} {
		code := cryptopay.Contract.Code(cond)
		fmt.Printf("%s: %s %d\n", cond, code.ID(), code.Status())
	}
	fmt.Println(cryptopay.Roles.InvalidCredentials.ID())
	// Output:
	// validation: invalid 422
	// unauthorized: unauthenticated 401
	// not_found: not_found 404
	// rate_limited: rate_limit_exceeded 429
	// maintenance: maintenance 503
	// unauthenticated
}

func ExampleCryptopayContract_AuthCode() {
	code := kit.AuthCode(cryptopay.Contract, apierr.AuthTimestampExpired)
	fmt.Println(code.ID(), code.Status())
	// Output: unauthenticated 401
}
