package problem_test

import (
	"fmt"
	"net/http/httptest"
	"os"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/problem"
)

func Example() {
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/v2/payments/p_1", nil)
	_ = apierr.Render(rec, r, problem.Contract, apierr.New(apierr.PAY0001))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	fmt.Println(rec.Body)
	// Output:
	// 404 application/problem+json
	// {"type":"https://errkit.dev/problems/PAY0001","title":"Payment not found","status":404,"instance":"/v2/payments/p_1","code":"PAY0001"}
}

// Field errors go to the errors extension member.
func Example_validation() {
	e := apierr.NewCondition(apierr.Validation).WithFields(apierr.FieldError{
		Field: "amount", Rule: "gt", Param: "0", Message: "amount must be positive",
	}).In(problem.Contract)
	body, _ := apierr.AppendBody(nil, problem.Contract, e, apierr.Meta{})
	os.Stdout.Write(body)
	// Output: {"type":"https://errkit.dev/problems/GEN9002","title":"Bad request","status":400,"code":"GEN9002","errors":[{"field":"amount","rule":"gt","param":"0","message":"amount must be positive"}]}
}

func ExampleNew() {
	c := problem.New("https://api.example.com/problems/")
	fmt.Println(c.TypeURI(apierr.QOT0001))
	fmt.Println(c.TypeURI(apierr.GEN9429))
	// Output:
	// https://api.example.com/problems/QOT0001
	// about:blank
}

func ExampleProblemContract_Parse() {
	e, _ := problem.Contract.Parse(0, []byte(`{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Too many requests","code":"GEN9429"}`))
	fmt.Println(e.ID(), e.Status(), e.Code() == apierr.GEN9429)
	// Output: GEN9429 429 true
}

func ExampleProblemContract_ErrorSchemas() {
	name, _ := problem.Contract.(*problem.ProblemContract).ErrorSchemas()
	fmt.Println(name)
	// Output: Problem
}

// Each generic condition has the contract's own code; a server's auth and
// not-found failures use [problem.Roles].
func Example_conditions() {
	for _, cond := range []apierr.Condition{apierr.Validation, apierr.Unauthorized, apierr.NotFound, apierr.RateLimited, apierr.Maintenance} {
		code := problem.Contract.Code(cond)
		fmt.Printf("%s: %s %d\n", cond, code.ID(), code.Status())
	}
	fmt.Println(problem.Roles.InvalidCredentials.ID())
	// Output:
	// validation: GEN9002 400
	// unauthorized: GEN9003 401
	// not_found: GEN9404 404
	// rate_limited: GEN9429 429
	// maintenance: GEN9013 503
	// AUT0003
}

func ExampleProblemContract_AuthTypeURI() {
	fmt.Println(problem.New("https://api.example.com/problems/").AuthTypeURI(apierr.AuthNonceReused))
	// Output: https://api.example.com/problems/auth/nonce_reused
}
