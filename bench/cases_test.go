package bench

import (
	"cmp"
	"net/http"
	"slices"
	"time"
)

// A run is one implementation of one benchmarked case: a handler, the
// request it is sent, and what it must answer. Its name is
// case=<case>/router=<router>/impl=<impl>, so that
// benchstat -col /impl puts the implementations side by side.
type run struct {
	kase   string // "404", "422", ...; "ok" for the success path
	router string // "echo" or "mux"
	impl   string // see implOrder
	h      http.Handler
	method string
	target string

	status int
	body   string            // the exact body; "" to skip the check
	header map[string]string // headers the answer must carry, "" for any value
}

func (r run) name() string {
	return "case=" + r.kase + "/router=" + r.router + "/impl=" + r.impl
}

// implOrder is the order of the columns: benchstat compares every column
// with the first, the floor (or bare, for the success path).
var implOrder = []string{"floor", "bare", "bare-id", "echo", "gin", "huma", "errkit-render", "errkit-handler", "errkit", "errkit-id", "errkit-front"}

var caseOrder = []string{"404", "422", "400x5", "panic", "503", "429", "ok"}

// runs are registered by the files that build them.
var runs []run

// register adds rs, a GET of the case's usual path unless they say
// otherwise.
func register(rs ...run) {
	for _, r := range rs {
		if r.method == "" {
			r.method = http.MethodGet
		}
		if r.target == "" {
			r.target = defaultTarget[r.kase]
		}
		runs = append(runs, r)
	}
}

var defaultTarget = map[string]string{
	"404": pathPayment, "422": pathQuote, "400x5": pathTransfer,
	"panic": pathPayment, "503": pathPayment, "429": pathPayment, "ok": pathPayment,
}

// sortedRuns returns runs in case, router, implementation order.
func sortedRuns() []run {
	s := slices.Clone(runs)
	slices.SortStableFunc(s, func(a, b run) int {
		return cmp.Or(
			cmp.Compare(slices.Index(caseOrder, a.kase), slices.Index(caseOrder, b.kase)),
			cmp.Compare(a.router, b.router),
			cmp.Compare(slices.Index(implOrder, a.impl), slices.Index(implOrder, b.impl)),
		)
	})
	return s
}

// now is the time every errkit body carries: the clock is pinned so that
// bodies can be compared byte for byte with the floor's.
var now = time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC)

// The bodies the floor writes, byte for byte what errkit writes for the
// same failure at [now].
const (
	body404 = `{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}`
	body400 = `{"statusCode":400,"code":"[GEN9002]","message":"[GEN9002] Bad request","timestamp":"2026-01-15T10:30:00.000Z","details":{"fields":[` +
		`{"field":"amount","rule":"amount","param":"2","message":"amount must be a positive decimal string"},` +
		`{"field":"currency","rule":"iso4217","message":"currency must be an ISO 4217 currency code"},` +
		`{"field":"iban","rule":"iban","message":"iban must be a valid IBAN"},` +
		`{"field":"country","rule":"iso3166","message":"country must be an ISO 3166-1 alpha-2 country code"},` +
		`{"field":"reference","rule":"max","param":"16","message":"reference must be at most 16 characters long"}]}}`
	body422 = `{"statusCode":422,"code":"[QOT0003]","message":"[QOT0003] Currency pair unavailable","timestamp":"2026-01-15T10:30:00.000Z","details":{"fromCurrency":"BRL","toCurrency":"USD"}}`
)

// The paths of the benchmarked routes.
const (
	pathPayment  = "/payments/pay_123"
	pathQuote    = "/quotes"
	pathTransfer = "/transfers"
)
