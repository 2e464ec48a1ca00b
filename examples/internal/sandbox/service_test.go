package sandbox

import (
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
)

const iban = "DE89370400440532013000"

func wantCode(t *testing.T, err error, code apierr.Code) {
	t.Helper()
	if code == 0 {
		if err != nil {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	if ce, ok := errors.AsType[*apierr.ConditionError](err); ok {
		err = ce.In(apierr.Nexpay)
	}
	if !errors.Is(err, code) {
		t.Fatalf("error %v, want %s", err, code.ID())
	}
}

func TestPayees(t *testing.T) {
	s := NewService(time.Minute)
	p, err := s.CreatePayee(PayeeRequest{Name: "Ana", IBAN: "de89 3704 0044 0532 0130 00", BIC: "deutdeff"})
	wantCode(t, err, 0)
	if p.IBAN != iban || p.BIC != "DEUTDEFF" {
		t.Errorf("payee not normalised: %+v", p)
	}
	got, err := s.Payee(p.ID)
	wantCode(t, err, 0)
	if got != p {
		t.Errorf("Payee = %+v, want %+v", got, p)
	}
	_, err = s.CreatePayee(PayeeRequest{Name: "Ana again", IBAN: iban})
	wantCode(t, err, apierr.PYE0002)
	_, err = s.Payee(newID())
	wantCode(t, err, apierr.PYE0001)
}

func TestQuotes(t *testing.T) {
	s := NewService(30 * time.Second)
	for _, tc := range []struct {
		from, to, amount string
		code             apierr.Code
		details          map[string]any
		converted        string
	}{
		{"EUR", "USD", "100.00", 0, nil, "108.50"},
		{"eur", "usd", "0.5", apierr.QOT0004, map[string]any{"minimum": "10.00"}, ""},
		{"USD", "BRL", "49.99", apierr.QOT0004, map[string]any{"minimum": "50.00"}, ""},
		{"BRL", "USD", "1000.00", apierr.QOT0003, map[string]any{"fromCurrency": "BRL", "toCurrency": "USD"}, ""},
		{"EUR", "EUR", "100.00", apierr.QOT0003, nil, ""},
		{"EUR", "USD", "1e5", apierr.GEN9002, nil, ""},
	} {
		q, err := s.CreateQuote(QuoteRequest{FromCurrency: tc.from, ToCurrency: tc.to, Amount: tc.amount})
		wantCode(t, err, tc.code)
		if e, ok := apierr.As(err); ok {
			for k, v := range tc.details {
				if got, _ := e.Detail(k); got != v {
					t.Errorf("%s %s->%s: details.%s = %v, want %v", tc.amount, tc.from, tc.to, k, got, v)
				}
			}
		}
		if tc.code == 0 {
			if q.ConvertedAmount != tc.converted || q.Rate == "" || !time.Time(q.ExpiresAt).Equal(time.Time(q.CreatedAt).Add(30*time.Second)) {
				t.Errorf("quote %+v", q)
			}
		}
	}
}

func TestPayments(t *testing.T) {
	s := NewService(time.Hour)
	payee, _ := s.CreatePayee(PayeeRequest{Name: "Ana", IBAN: iban})
	quote, _ := s.CreateQuote(QuoteRequest{FromCurrency: "EUR", ToCurrency: "USD", Amount: "100.00"})
	req := PaymentRequest{PayeeID: payee.ID, QuoteID: quote.ID, Amount: "100.00", Currency: "eur", Reference: "INV-1"}

	p, err := s.CreatePayment(req)
	wantCode(t, err, 0)
	if p.Status != StatusPending || p.Currency != "EUR" {
		t.Errorf("payment %+v", p)
	}
	_, err = s.CreatePayment(req)
	wantCode(t, err, apierr.PAY0003)

	for _, tc := range []struct {
		name string
		edit func(*PaymentRequest)
		code apierr.Code
	}{
		{"unknown payee", func(r *PaymentRequest) { r.PayeeID = newID() }, apierr.PYE0001},
		{"unknown quote", func(r *PaymentRequest) { r.QuoteID = newID() }, apierr.QOT0002},
		{"bad amount", func(r *PaymentRequest) { r.Amount = "-1" }, apierr.GEN9002},
	} {
		r := req
		r.Reference = tc.name
		tc.edit(&r)
		_, err := s.CreatePayment(r)
		wantCode(t, err, tc.code)
	}

	_, err = s.CancelPayment(p.ID)
	wantCode(t, err, 0)
	_, err = s.CancelPayment(p.ID)
	wantCode(t, err, apierr.PAY0002)
	_, err = s.CancelPayment(newID())
	wantCode(t, err, apierr.PAY0001)
	got, _ := s.Payment(p.ID)
	if got.Status != StatusCancelled {
		t.Errorf("status %q after cancel", got.Status)
	}
	_, err = s.GatewayCallback(CallbackRequest{PaymentID: p.ID, Status: StatusCompleted})
	wantCode(t, err, apierr.PAY0002)
}

func TestExpiredQuote(t *testing.T) {
	s := NewService(time.Nanosecond)
	payee, _ := s.CreatePayee(PayeeRequest{Name: "Ana", IBAN: iban})
	quote, _ := s.CreateQuote(QuoteRequest{FromCurrency: "EUR", ToCurrency: "USD", Amount: "100.00"})
	_, err := s.CreatePayment(PaymentRequest{PayeeID: payee.ID, QuoteID: quote.ID, Amount: "100.00", Currency: "EUR", Reference: "r"})
	wantCode(t, err, apierr.QOT0001)
}

func TestDocuments(t *testing.T) {
	s := NewService(time.Minute)
	for _, tc := range []struct {
		data []byte
		ct   string
		code apierr.Code
	}{
		{[]byte("%PDF-1.4\n"), "application/pdf", 0},
		{[]byte("\x89PNG\r\n\x1a\n...."), "image/png", 0},
		{[]byte("\xff\xd8\xff\xe0"), "image/jpeg", 0},
		{[]byte("GIF89a"), "", apierr.DOC0003},
		{[]byte("%PDF"), "", apierr.DOC0003},
		{nil, "", apierr.DOC0003},
		{make([]byte, MaxDocument+1), "", apierr.DOC0002},
	} {
		d, err := s.AddDocument("f", tc.data)
		wantCode(t, err, tc.code)
		if tc.code == 0 {
			if d.ContentType != tc.ct || d.Size != len(tc.data) {
				t.Errorf("document %+v, want type %s", d, tc.ct)
			}
			if got, err := s.Document(d.ID); err != nil || got != d {
				t.Errorf("Document = %+v, %v", got, err)
			}
		}
	}
	_, err := s.Document(newID())
	wantCode(t, err, apierr.DOC0001)
}

var uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestNewID(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := newID()
		if !uuidRe.MatchString(id) || seen[id] {
			t.Fatalf("newID() = %q: not a fresh version 4 UUID", id)
		}
		seen[id] = true
	}
}
