package sandbox

import (
	"bytes"
	"strings"
	"sync"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/go-openapi/strfmt"
)

// A Service holds the sandbox's data in memory and applies its rules. Its
// methods take validated requests and return an [*apierr.Error] for every
// failure of the domain. It is safe for concurrent use.
type Service struct {
	quoteTTL time.Duration
	now      func() strfmt.DateTime

	mu        sync.Mutex
	payees    map[string]*Payee
	ibans     map[string]string // normalised IBAN -> payee ID
	quotes    map[string]*Quote
	payments  map[string]*Payment
	refs      map[[2]string]string // payee ID, reference -> payment ID
	documents map[string]*Document
	webhooks  map[string]*Webhook
}

// NewService returns an empty store whose quotes live for quoteTTL.
func NewService(quoteTTL time.Duration) *Service {
	return &Service{
		quoteTTL:  quoteTTL,
		now:       func() strfmt.DateTime { return strfmt.DateTime(time.Now().UTC().Truncate(time.Millisecond)) },
		payees:    map[string]*Payee{},
		ibans:     map[string]string{},
		quotes:    map[string]*Quote{},
		payments:  map[string]*Payment{},
		refs:      map[[2]string]string{},
		documents: map[string]*Document{},
		webhooks:  map[string]*Webhook{},
	}
}

// normIBAN is an IBAN without spaces, in capitals.
func normIBAN(s string) string {
	return strings.ToUpper(strings.ReplaceAll(s, " ", ""))
}

// CreatePayee registers a payee. An IBAN already registered is
// [apierr.PYE0002].
func (s *Service) CreatePayee(req PayeeRequest) (Payee, error) {
	iban := normIBAN(req.IBAN)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.ibans[iban]; dup {
		return Payee{}, apierr.New(apierr.PYE0002).With("field", "iban")
	}
	p := &Payee{
		ID:        newID(),
		Name:      req.Name,
		IBAN:      iban,
		BIC:       strings.ToUpper(req.BIC),
		Email:     req.Email,
		CreatedAt: s.now(),
	}
	s.payees[p.ID] = p
	s.ibans[iban] = p.ID
	return *p, nil
}

// Payee returns a payee, or [apierr.PYE0001].
func (s *Service) Payee(id string) (Payee, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.payees[id]
	if !ok {
		return Payee{}, apierr.PYE0001
	}
	return *p, nil
}

// CreateQuote prices an amount of one currency in another. A pair the
// sandbox does not quote is [apierr.QOT0003]; an amount below the pair's
// minimum is [apierr.QOT0004].
func (s *Service) CreateQuote(req QuoteRequest) (Quote, error) {
	from, to := strings.ToUpper(req.FromCurrency), strings.ToUpper(req.ToCurrency)
	p, ok := pairs[[2]string{from, to}]
	if !ok {
		return Quote{}, apierr.New(apierr.QOT0003).With("fromCurrency", from).With("toCurrency", to)
	}
	amount, ok := parseAmount(req.Amount)
	if !ok {
		return Quote{}, badAmount()
	}
	if amount.Cmp(mustRat(p.minimum)) < 0 {
		return Quote{}, apierr.New(apierr.QOT0004).With("minimum", p.minimum).With("currency", from)
	}
	rate := mustRat(p.rate)
	t := time.Now()
	now := t.UTC().Truncate(time.Millisecond)
	q := &Quote{
		ID:              newID(),
		FromCurrency:    from,
		ToCurrency:      to,
		Amount:          formatAmount(amount),
		Rate:            p.rate,
		ConvertedAmount: formatAmount(amount.Mul(amount, rate)),
		CreatedAt:       strfmt.DateTime(now),
		ExpiresAt:       strfmt.DateTime(now.Add(s.quoteTTL)),
		expires:         t.Add(s.quoteTTL),
	}
	s.mu.Lock()
	s.quotes[q.ID] = q
	s.mu.Unlock()
	return *q, nil
}

// CreatePayment sends money to a payee. An unknown payee is
// [apierr.PYE0001], an unknown quote [apierr.QOT0002], an expired one
// [apierr.QOT0001]. A second payment of the same payee and reference is
// [apierr.PAY0003], whatever idempotency key either carried: the
// idempotency middleware replays a repeated key before the service sees
// it, and a new key does not make a duplicate payment a new one.
func (s *Service) CreatePayment(req PaymentRequest) (Payment, error) {
	amount, ok := parseAmount(req.Amount)
	if !ok {
		return Payment{}, badAmount()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.payees[req.PayeeID]; !ok {
		return Payment{}, apierr.PYE0001
	}
	now := s.now()
	if req.QuoteID != "" {
		q, ok := s.quotes[req.QuoteID]
		if !ok {
			return Payment{}, apierr.QOT0002
		}
		if !time.Now().Before(q.expires) {
			return Payment{}, apierr.New(apierr.QOT0001).With("expiredAt", q.ExpiresAt.String())
		}
	}
	ref := [2]string{req.PayeeID, req.Reference}
	if _, dup := s.refs[ref]; dup {
		return Payment{}, apierr.New(apierr.PAY0003).With("reference", req.Reference)
	}
	p := &Payment{
		ID:        newID(),
		PayeeID:   req.PayeeID,
		QuoteID:   req.QuoteID,
		Amount:    formatAmount(amount),
		Currency:  strings.ToUpper(req.Currency),
		Reference: req.Reference,
		Status:    StatusPending,
		CreatedAt: now,
		UpdatedAt: now,
	}
	s.payments[p.ID] = p
	s.refs[ref] = p.ID
	return *p, nil
}

// Payment returns a payment, or [apierr.PAY0001].
func (s *Service) Payment(id string) (Payment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.payments[id]
	if !ok {
		return Payment{}, apierr.PAY0001
	}
	return *p, nil
}

// CancelPayment cancels a pending payment. A payment that is no longer
// pending (a second cancel among others) is [apierr.PAY0002].
func (s *Service) CancelPayment(id string) (Payment, error) {
	return s.transition(id, StatusCancelled)
}

func (s *Service) transition(id, to string) (Payment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.payments[id]
	if !ok {
		return Payment{}, apierr.PAY0001
	}
	if p.Status != StatusPending {
		return Payment{}, apierr.New(apierr.PAY0002).With("from", p.Status).With("to", to)
	}
	p.Status = to
	p.UpdatedAt = s.now()
	return *p, nil
}

// GatewayCallback records the gateway's outcome of a payment.
func (s *Service) GatewayCallback(req CallbackRequest) (CallbackReceipt, error) {
	p, err := s.transition(req.PaymentID, req.Status)
	if err != nil {
		return CallbackReceipt{}, err
	}
	return CallbackReceipt{PaymentID: p.ID, Status: p.Status, Received: true}, nil
}

// MaxDocument is the largest document the sandbox accepts: 1 MiB.
const MaxDocument = 1 << 20

// AddDocument stores an uploaded file after checking its bytes: larger
// than [MaxDocument] is [apierr.DOC0002], anything but PDF, PNG or JPEG
// (whatever type the client declared) is [apierr.DOC0003].
func (s *Service) AddDocument(filename string, data []byte) (Document, error) {
	if len(data) > MaxDocument {
		return Document{}, apierr.New(apierr.DOC0002).With("maxBytes", MaxDocument)
	}
	ct := sniff(data)
	if ct == "" {
		return Document{}, apierr.New(apierr.DOC0003).With("accepted", []string{"application/pdf", "image/png", "image/jpeg"})
	}
	d := &Document{ID: newID(), Filename: filename, ContentType: ct, Size: len(data), CreatedAt: s.now()}
	s.mu.Lock()
	s.documents[d.ID] = d
	s.mu.Unlock()
	return *d, nil
}

// Document returns a document, or [apierr.DOC0001].
func (s *Service) Document(id string) (Document, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.documents[id]
	if !ok {
		return Document{}, apierr.DOC0001
	}
	return *d, nil
}

// sniff names the type of a PDF, PNG or JPEG by its first bytes, else "".
func sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return "application/pdf"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return "image/jpeg"
	}
	return ""
}

// Subscribe registers a webhook URL.
func (s *Service) Subscribe(req WebhookRequest) (Webhook, error) {
	events := req.Events
	if len(events) == 0 {
		events = []string{"payment.created", "payment.completed", "payment.failed", "payment.cancelled"}
	}
	w := &Webhook{ID: newID(), URL: req.URL, Events: events, CreatedAt: s.now()}
	s.mu.Lock()
	s.webhooks[w.ID] = w
	s.mu.Unlock()
	return *w, nil
}

// badAmount is the failure of an amount the validator should have refused:
// a validation failure, which each contract answers with its own code.
func badAmount() error {
	return apierr.NewCondition(apierr.Validation).WithFields(apierr.FieldError{
		Field: "amount", Rule: "amount", Param: "2", Message: "amount must be a positive decimal string",
	})
}
