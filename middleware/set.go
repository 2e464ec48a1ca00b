package middleware

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// A Set is one configuration of the middleware: the contract errors are
// rendered in, the logger, the maintenance switch and the rate limiter. Its
// methods are the pieces, each a func(http.Handler) http.Handler usable
// alone; [Set.Wrap] installs them all. A Set is safe for concurrent use.
type Set struct {
	contract    apierr.Contract
	trace       bool // the contract shows a trace ID (kit.ShowsTrace)
	logger      *slog.Logger
	clientLevel slog.Level
	metrics     func(Failure)
	sampler     *sampler // 4xx log sampling; nil logs every record
	traceID     func(*http.Request) (string, bool)
	classify    func(error, apierr.Contract) (*apierr.Error, bool)

	maintenance MaintenanceState
	sw          *Switch
	exempt      func(*http.Request) bool

	limiter   Limiter
	rateKey   func(*http.Request) string
	customKey bool    // WithRateKey was given: the key is vouched for
	ipLimiter Limiter // WithIPRateLimit

	ipExempt    func(*http.Request) bool // WithRateLimitExempt
	ipExemptSet bool                     // else the maintenance exemption

	headAsGet bool // WithHeadAsGet
}

// An Option configures a [Set].
type Option func(*Set)

// WithContract sets the contract errors are rendered in; the default is
// [apierr.Nexpay].
func WithContract(c apierr.Contract) Option {
	return func(s *Set) {
		if c != nil {
			s.contract = c
		}
	}
}

// WithLogger sets the logger failed requests are reported to; the default
// is slog.Default().
func WithLogger(l *slog.Logger) Option {
	return func(s *Set) {
		if l != nil {
			s.logger = l
		}
	}
}

// WithClientErrorLevel sets the level 4xx failures are logged at; the
// default is slog.LevelInfo. 5xx failures are always logged at
// slog.LevelError.
func WithClientErrorLevel(l slog.Level) Option { return func(s *Set) { s.clientLevel = l } }

// WithMetrics sets a function called once for every failed request, after
// its response was written; for counters and histograms. It must be fast and
// must not keep the [Failure].
func WithMetrics(f func(Failure)) Option { return func(s *Set) { s.metrics = f } }

// WithClassifier replaces [Classify] as the function that turns an error
// into the contract's answer; the echo door installs its own, which knows
// echo's errors and falls back to Classify.
func WithClassifier(f func(err error, c apierr.Contract) (*apierr.Error, bool)) Option {
	return func(s *Set) {
		if f != nil {
			s.classify = f
		}
	}
}

// WithMaintenance makes the maintenance switch read its state from st,
// for a fleet that shares one; the default is an in-memory [Switch],
// returned by [Set.Switch]. A nil st (or nil *Switch) keeps the default.
func WithMaintenance(st MaintenanceState) Option {
	return func(s *Set) {
		if sw, ok := st.(*Switch); st != nil && (!ok || sw != nil) {
			s.maintenance = st
		}
	}
}

// WithMaintenanceExempt sets the predicate of the requests that keep being
// served during maintenance; the default is [DefaultExempt].
func WithMaintenanceExempt(f func(*http.Request) bool) Option {
	return func(s *Set) {
		if f != nil {
			s.exempt = f
		}
	}
}

// WithMaintenanceExemptPaths is [WithMaintenanceExempt] with [ExemptPaths]:
// requests under one of paths keep being served during maintenance.
func WithMaintenanceExemptPaths(paths ...string) Option {
	return WithMaintenanceExempt(ExemptPaths(paths...))
}

// WithRateLimit enables rate limiting over l, keyed by [DefaultRateKey];
// without it, [Set.RateLimit] lets every request through.
//
// The limiter runs before authentication, so the API key DefaultRateKey
// reads is only claimed: a request that names one is counted against its
// client IP too, in l itself unless [WithIPRateLimit] gives the IP a
// limiter of its own, so that rotating made-up keys from one address does
// not escape the limit. With [WithRateKey] (a key the authentication
// vouches for), only WithIPRateLimit adds the IP count.
func WithRateLimit(l Limiter) Option { return func(s *Set) { s.limiter = l } }

// WithIPRateLimit counts every request also against its client IP (from
// r.RemoteAddr) in l, typically with a higher allowance than the per-key
// limiter of [WithRateLimit], for the clients that share an address (a
// NAT, an office). A request over either limit is answered 429.
func WithIPRateLimit(l Limiter) Option { return func(s *Set) { s.ipLimiter = l } }

// WithRateKey sets the function that names the client a request is
// counted against; the default is [DefaultRateKey]. Give it a key your
// authentication vouches for: see [WithRateLimit].
func WithRateKey(f func(*http.Request) string) Option {
	return func(s *Set) {
		if f != nil {
			s.rateKey = f
			s.customKey = true
		}
	}
}

// WithHeadAsGet makes the set answer HEAD like GET where the router does
// not (RFC 9110, 9.3.2: a server should), by the door's own means: behind
// [Set.Wrap] and [Set.PlainErrors], a HEAD request the router refuses
// with a plain 405 whose Allow header lists GET (chi's) is served again,
// once, as GET, the body dropped by the server, and a 405's Allow lists
// HEAD beside GET; on the echo v4 door, Install adds echomw.HeadAsGet.
// Without it, such a HEAD gets the contract's 405 with the router's Allow
// header. net/http's ServeMux, the echo v5 door's router and the gin door
// answer HEAD like GET either way; docs/doors.md has the table.
func WithHeadAsGet() Option { return func(s *Set) { s.headAsGet = true } }

// HeadAsGet reports whether the set was made [WithHeadAsGet].
func (s *Set) HeadAsGet() bool { return s.headAsGet }

// New returns a Set configured by opts.
func New(opts ...Option) *Set {
	s := &Set{
		contract:    apierr.Nexpay,
		clientLevel: slog.LevelInfo,
		classify:    Classify,
		exempt:      DefaultExempt,
		rateKey:     DefaultRateKey,
		traceID:     TraceID,
		sampler:     newSampler(DefaultLogFirst, DefaultLogPeriod, time.Now),
	}
	for _, o := range opts {
		o(s)
	}
	s.trace = kit.ShowsTrace(s.contract)
	if s.maintenance == nil {
		s.sw = new(Switch)
		s.maintenance = s.sw
	}
	return s
}

// Contract returns the contract the set renders errors in.
func (s *Set) Contract() apierr.Contract { return s.contract }

// Switch returns the in-memory maintenance switch, or nil when the set
// reads its state from a [MaintenanceState] given to [WithMaintenance].
func (s *Set) Switch() *Switch { return s.sw }

func (s *Set) log() *slog.Logger {
	if s.logger != nil {
		return s.logger
	}
	return slog.Default()
}

// Wrap returns h behind the whole set, in this order: [Set.RequestID],
// [Set.Recover], [Set.CleanTargets], [Set.Maintenance], [Set.RateLimit]
// and [Set.PlainErrors]. Sets nest: a subtree wrapped in another set (a
// legacy API under its own contract) answers the errors raised inside it in
// its own contract, the outer set's elsewhere.
func (s *Set) Wrap(h http.Handler) http.Handler { return s.Front(h, true) }

// Front is [Set.Wrap] for handlers that answer their own route errors
// (echo): plainErrors false leaves out [Set.PlainErrors].
func (s *Set) Front(h http.Handler, plainErrors bool) http.Handler {
	if plainErrors {
		h = s.PlainErrors(h)
	}
	return s.RequestID(s.Recover(s.CleanTargets(s.Maintenance(s.RateLimit(h)))))
}

// Wrap returns h behind the whole set configured by opts; see [Set.Wrap].
func Wrap(h http.Handler, opts ...Option) http.Handler { return New(opts...).Wrap(h) }

var defaultSet = New()
