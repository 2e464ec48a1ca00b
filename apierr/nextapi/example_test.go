package nextapi_test

import (
	"fmt"
	"net/http/httptest"
	"os"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
	"github.com/errkit/errkit/apierr/nextapi"
)

func Example() {
	e := apierr.New(nextapi.InsufficientFunds).With("available_balance", 5000).With("requested_amount", 10000)
	rec := httptest.NewRecorder()
	_ = apierr.Render(rec, httptest.NewRequest("POST", "/v2/payouts", nil), nextapi.Contract, e)
	fmt.Println(rec.Code)
	fmt.Println(rec.Body)
	// Output:
	// 422
	// {"error":{"code":"INSUFFICIENT_FUNDS","message":"Account available balance is too low","details":{"available_balance":5000,"requested_amount":10000}}}
}

// A server speaking NextAPI answers a Nexpay code with the NextAPI code for
// its status.
func Example_foreignCode() {
	body, _ := apierr.AppendBody(nil, nextapi.Contract, apierr.New(apierr.PAY0001), apierr.Meta{})
	os.Stdout.Write(body)
	// Output: {"error":{"code":"RESOURCE_NOT_FOUND","message":"Payment not found"}}
}

func Example_rateLimited() {
	rec := httptest.NewRecorder()
	_ = apierr.Render(rec, nil, nextapi.Contract, apierr.New(nextapi.RateLimited).WithRetryAfter(30*time.Second))
	fmt.Println(rec.Code, rec.Header().Get("Retry-After"))
	fmt.Println(rec.Body)
	// Output:
	// 429 30
	// {"error":{"code":"RATE_LIMITED","message":"Too many requests"}}
}

func ExampleNextAPIContract_Parse() {
	e, err := nextapi.Contract.Parse(409, []byte(`{"error":{"code":"IDEMPOTENCY_CONFLICT","message":"Same idempotency key used with different parameters"}}`))
	if err != nil {
		panic(err)
	}
	fmt.Println(e.ID(), e.Status(), e.Code() == nextapi.IdempotencyConflict)
	// Output: IDEMPOTENCY_CONFLICT 409 true
}

func ExampleResolution() {
	fmt.Println(nextapi.Resolution(nextapi.RateLimited))
	// Output: Back off and retry after the Retry-After header value
}

func ExampleNextAPIContract_ErrorSchemas() {
	name, schemas := nextapi.Contract.(*nextapi.NextAPIContract).ErrorSchemas()
	fmt.Println(name, len(schemas))
	// Output: NextAPIError 2
}

// Each generic condition has the contract's own code; a server's auth and
// not-found failures use [nextapi.Roles].
func Example_conditions() {
	for _, cond := range []apierr.Condition{apierr.Validation, apierr.Unauthorized, apierr.NotFound, apierr.RateLimited, apierr.Maintenance} {
		code := nextapi.Contract.Code(cond)
		fmt.Printf("%s: %s %d\n", cond, code.ID(), code.Status())
	}
	fmt.Println(nextapi.Roles.InvalidCredentials.ID())
	// Output:
	// validation: VALIDATION_ERROR 400
	// unauthorized: UNAUTHORIZED 401
	// not_found: RESOURCE_NOT_FOUND 404
	// rate_limited: RATE_LIMITED 429
	// maintenance: MAINTENANCE 503
	// INVALID_CREDENTIALS
}

func ExampleNextAPIContract_AuthCode() {
	for _, f := range []apierr.AuthFailure{apierr.AuthCredentialsMalformed, apierr.AuthSecretInvalid, apierr.AuthKeyLocked} {
		code := kit.AuthCode(nextapi.Contract, f)
		fmt.Println(code.ID(), code.Status())
	}
	// Output:
	// UNAUTHORIZED 401
	// INVALID_CREDENTIALS 401
	// FORBIDDEN 403
}
