package sandbox

// The request bodies, with the rules they are validated by. The payment
// rules (iban, bic, iso4217, amount) are those of the validation package.

// PayeeRequest is the body of POST /v2/payees.
type PayeeRequest struct {
	Name  string `json:"name" validate:"required,max=140"`
	IBAN  string `json:"iban" validate:"required,iban"`
	BIC   string `json:"bic,omitempty" validate:"omitempty,bic"`
	Email string `json:"email,omitempty" validate:"omitempty,email,max=254"`
}

// QuoteRequest is the body of POST /v2/quotes.
type QuoteRequest struct {
	FromCurrency string `json:"fromCurrency" validate:"required,iso4217"`
	ToCurrency   string `json:"toCurrency" validate:"required,iso4217"`
	Amount       string `json:"amount" validate:"required,amount=2"`
}

// PaymentRequest is the body of POST /v2/payments.
type PaymentRequest struct {
	PayeeID   string `json:"payeeId" validate:"required,uuid"`
	QuoteID   string `json:"quoteId,omitempty" validate:"omitempty,uuid"`
	Amount    string `json:"amount" validate:"required,amount=2"`
	Currency  string `json:"currency" validate:"required,iso4217"`
	Reference string `json:"reference" validate:"required,max=140"`
}

// WebhookRequest is the body of POST /v2/webhooks.
type WebhookRequest struct {
	URL    string   `json:"url" validate:"required,http_url,max=2048"`
	Events []string `json:"events,omitempty" validate:"omitempty,max=10,dive,oneof=payment.created payment.completed payment.failed payment.cancelled"`
}

// CallbackRequest is the body of POST /v2/gateway/callback.
type CallbackRequest struct {
	PaymentID string `json:"paymentId" validate:"required,uuid"`
	Status    string `json:"status" validate:"required,oneof=completed failed"`
}

// MaintenanceRequest is the body of PUT /admin/maintenance.
type MaintenanceRequest struct {
	RetryAfter int `json:"retryAfter" validate:"min=1,max=86400"`
}
