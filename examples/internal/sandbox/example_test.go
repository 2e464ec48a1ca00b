package sandbox_test

import (
	"fmt"
	"time"

	"github.com/errkit/errkit/examples/internal/sandbox"
)

// Domain failures are errkit codes; the servers' error handler renders them.
func ExampleService_CreateQuote() {
	svc := sandbox.NewService(30 * time.Second)
	_, err := svc.CreateQuote(sandbox.QuoteRequest{FromCurrency: "BRL", ToCurrency: "USD", Amount: "1000.00"})
	fmt.Printf("%+v\n", err)
	q, _ := svc.CreateQuote(sandbox.QuoteRequest{FromCurrency: "EUR", ToCurrency: "USD", Amount: "100.00"})
	fmt.Println(q.Rate, q.ConvertedAmount)
	// Output:
	// [QOT0003] Currency pair unavailable
	//   fromCurrency: BRL
	//   toCurrency: USD
	// 1.0850 108.50
}
