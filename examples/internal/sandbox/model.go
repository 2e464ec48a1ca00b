package sandbox

import (
	"time"

	"github.com/go-openapi/strfmt"
)

// Timestamps are strfmt.DateTime: RFC 3339 in UTC with milliseconds, as
// the contract's error timestamps.

// A Payee is someone payments are sent to.
type Payee struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	IBAN      string          `json:"iban"`
	BIC       string          `json:"bic,omitempty"`
	Email     string          `json:"email,omitempty"`
	CreatedAt strfmt.DateTime `json:"createdAt"`
}

// A Quote is an exchange rate held for a while.
type Quote struct {
	ID              string          `json:"id"`
	FromCurrency    string          `json:"fromCurrency"`
	ToCurrency      string          `json:"toCurrency"`
	Amount          string          `json:"amount"`
	Rate            string          `json:"rate"`
	ConvertedAmount string          `json:"convertedAmount"`
	CreatedAt       strfmt.DateTime `json:"createdAt"`
	ExpiresAt       strfmt.DateTime `json:"expiresAt"`

	expires time.Time // ExpiresAt to the nanosecond, on the monotonic clock
}

// Payment statuses.
const (
	StatusPending   = "pending"
	StatusCompleted = "completed"
	StatusFailed    = "failed"
	StatusCancelled = "cancelled"
)

// A Payment is money sent to a payee.
type Payment struct {
	ID        string          `json:"id"`
	PayeeID   string          `json:"payeeId"`
	QuoteID   string          `json:"quoteId,omitempty"`
	Amount    string          `json:"amount"`
	Currency  string          `json:"currency"`
	Reference string          `json:"reference"`
	Status    string          `json:"status"`
	CreatedAt strfmt.DateTime `json:"createdAt"`
	UpdatedAt strfmt.DateTime `json:"updatedAt"`
}

// A Document is an uploaded file: its bytes are checked, then dropped.
type Document struct {
	ID          string          `json:"id"`
	Filename    string          `json:"filename"`
	ContentType string          `json:"contentType"`
	Size        int             `json:"size"`
	CreatedAt   strfmt.DateTime `json:"createdAt"`
}

// A Webhook is a URL subscribed to payment events.
type Webhook struct {
	ID        string          `json:"id"`
	URL       string          `json:"url"`
	Events    []string        `json:"events"`
	CreatedAt strfmt.DateTime `json:"createdAt"`
}

// A CallbackReceipt acknowledges a payment-gateway callback.
type CallbackReceipt struct {
	PaymentID string `json:"paymentId"`
	Status    string `json:"status"`
	Received  bool   `json:"received"`
}

// Health is the body of GET /health.
type Health struct {
	Status      string `json:"status"`
	Maintenance bool   `json:"maintenance"`
}

// MaintenanceState is the body of the /admin/maintenance answers.
type MaintenanceState struct {
	Maintenance bool `json:"maintenance"`
	RetryAfter  int  `json:"retryAfter,omitempty"`
}
