package middleware

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// A Failure is one failed request, as the metrics hook of [WithMetrics]
// receives it.
type Failure struct {
	Request *http.Request // the request that failed
	Route   string        // the route pattern, "" when no route matched
	// Status is the status the client received: the error's, or, when
	// the response was already committed (Committed), the one sent before
	// the failure, such as a handler's 200 (the error's only when it is
	// unknown: a hijacked connection); 0 when nothing was written (the
	// client went away).
	Status int
	// Code is the contract's code ID of the failure ("GEN9001"): the one
	// the body carries, or, for a committed response, the one it would
	// have carried; "" when nothing was written.
	Code      string
	Contract  string // the name of the contract answered in ("nexpay")
	RequestID string // the request ID the client received
	Err       error  // the cause, for logs; never rendered
	Committed bool   // the response was already committed: nothing was written over it
	// Misconfigured says, when not "", that the error was made for a
	// condition in another contract than the set's (a component given a
	// contract of its own, such as idempotency.Config.Contract): it was
	// answered in the set's contract, and the component's configuration
	// should say so.
	Misconfigured string
}

// Respond answers r with err in the set's contract, on the net/http door:
// classified by [Classify], rendered by [apierr.RenderMeta] unless the response
// was already committed, reported to the logger and the metrics hook. The
// route logged is r.Pattern. Whether the response was committed, and with
// which status, is read from the writer [Set.Wrap] guards it with, w
// itself or one w wraps and unwraps to; a committed response is reported
// with the status the client received, and a request is answered once.
//
// The log record carries code, status, method, route, request_id and
// error; trace_id too when the request ID is not 32 hex digits: it is the
// ID a contract's trace field shows (Nexpay legacy traceId, Cryptopay
// meta.request_id), so that the ID a client quotes from a body finds the
// record. Generated request IDs are 32 hex digits and need none. A valid
// traceparent's trace (or, with [WithTraceSource], the source's), when it
// differs, is w3c_trace_id. 4xx records are sampled per code
// ([WithLogSampling]); 5xx records never are.
func (s *Set) Respond(w http.ResponseWriter, r *http.Request, err error) {
	committed, sent := false, 0
	if g := guardOf(w); g != nil {
		answerHeld(g, r)
		committed, sent = g.committed, g.status
		if g.answered {
			s.dropped(r, r.Pattern, err)
			return
		}
		g.answered = true
	}
	s.respond(w, r, r.Pattern, committed, sent, err)
}

// RespondTo is [Set.Respond] for other doors: route is the matched route
// pattern for the log, committed tells whether the response status was
// already sent, in which case nothing is written. The status reported for
// a committed response is the one w's writer (or one it unwraps to) says
// it sent: a writer of this package's, or one with a Status() int method
// (gin's); else the error's. A door that knows the status sent says so
// with [Set.RespondSent].
//
// An error the classifier does not answer (context.Canceled) is dropped,
// logged at debug level, only when r's own context is done: the client
// went away. While the client is still there (a handler cancelled a
// context of its own), it is answered with the contract's
// [apierr.Internal] code, the error kept as the cause for the log.
//
// The request's metadata (request ID, trace IDs, path, route) is read
// once, and the same values go to the contract's body, the log record and
// the metrics hook.
func (s *Set) RespondTo(w http.ResponseWriter, r *http.Request, route string, committed bool, err error) {
	sent := 0
	if committed {
		sent = sentStatus(w)
	}
	s.respond(w, r, route, committed, sent, err)
}

// RespondSent is [Set.RespondTo] for a door that knows the status it sent
// (the echo and gin doors use it): sent is the status of the response
// already committed, 0 when nothing was sent yet. A failure after its
// response was committed (a handler wrote its 200, then returned an error
// or panicked) writes nothing, and is reported to the log record and the
// metrics hook with sent as its status, the one the client received; its
// code is the one the error would have been answered with.
func (s *Set) RespondSent(w http.ResponseWriter, r *http.Request, route string, sent int, err error) {
	s.respond(w, r, route, sent != 0, sent, err)
}

// sentStatus returns the status w, or a writer it unwraps to, says was
// sent; 0 when none says.
func sentStatus(w http.ResponseWriter) int {
	sent := 0
	beneath(w, func(w http.ResponseWriter) bool {
		switch g := w.(type) {
		case *responseWriter:
			sent = g.status
		case interface{ Status() int }:
			sent = g.Status()
		default:
			return false
		}
		return true
	})
	return sent
}

// respond answers r with err, or, when committed, reports it only; sent
// is the status of a committed response, 0 when unknown.
func (s *Set) respond(w http.ResponseWriter, r *http.Request, route string, committed bool, sent int, err error) {
	e, ok := s.classify(err, s.contract)
	if !ok && err == nil {
		return
	}
	m := s.metaOf(r, route)
	if !ok {
		if r.Context().Err() != nil {
			s.gone(r, m, err)
			return
		}
		e = apierr.Wrap(err, s.contract.Code(apierr.Internal))
	}
	if !committed {
		_ = apierr.RenderMeta(w, s.contract, e, m.Meta)
	}
	s.report(r, m, e, err, committed, sent)
}

// meta is what a failure's answer, log record and metrics hook say of its
// request, read from it once. The trace IDs are worked out once too, and
// only when something shows them: the contract's body ([kit.ShowsTrace])
// or an enabled log record.
type meta struct {
	apierr.Meta        // request ID, the trace ID a contract shows, path, method
	route       string // the route pattern; "" when no route matched
}

func (s *Set) metaOf(r *http.Request, route string) meta {
	m := meta{Meta: apierr.Meta{RequestID: RequestIDFrom(r), Method: r.Method}, route: route}
	if r.URL != nil {
		m.Instance = r.URL.EscapedPath()
	}
	if s.trace {
		m.traced()
	}
	return m
}

// traced derives the trace ID a contract shows from the request ID, once.
func (m *meta) traced() {
	if m.TraceID == "" && m.RequestID != "" {
		m.TraceID = kit.TraceHex(m.RequestID)
	}
}

// attrs returns the log attributes of m: method, route, request_id, and
// the IDs a client may quote besides the request ID: trace_id, the 32 hex
// digits a contract's trace field shows for it (Nexpay legacy traceId,
// Cryptopay meta.request_id), when they differ from the request ID, and
// w3c_trace_id, the trace ID of the set's trace source ([WithTraceSource])
// for r, when it differs from both. The trace source is read only here,
// for a record that is logged.
func (m *meta) attrs(attrs []slog.Attr, r *http.Request, source func(*http.Request) (string, bool)) []slog.Attr {
	m.traced()
	attrs = append(attrs, slog.String("method", m.Method), slog.String("route", m.route),
		slog.String("request_id", m.RequestID))
	if m.TraceID != "" && m.TraceID != m.RequestID {
		attrs = append(attrs, slog.String("trace_id", m.TraceID))
	}
	if w3c, ok := source(r); ok && w3c != m.RequestID && w3c != m.TraceID {
		attrs = append(attrs, slog.String("w3c_trace_id", w3c))
	}
	return attrs
}

// SetOf returns the set that guards w (see [Set.Wrap]), directly or
// beneath writers that wrap it and unwrap to it, or nil when none does:
// the set [Error] answers through, whose contract the server answers in.
func SetOf(w http.ResponseWriter) *Set {
	if s := enclosingSet(w, nil); s != defaultSet {
		return s
	}
	return nil // a HandlerFunc's guard outside any set
}

// Error answers r with err through the set that guards w (see [Set.Wrap]),
// directly or beneath writers that wrap it and unwrap to it, or in the
// default configuration ([apierr.Nexpay], slog.Default()) when none does.
// Handlers that are not a [HandlerFunc] call it to fail.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	enclosingSet(w, defaultSet).Respond(w, r, err)
}

// A HandlerFunc is an http.Handler that returns its failure: a non-nil
// error is answered in the contract, once, by [Error].
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// ServeHTTP calls f and answers its error.
func (f HandlerFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ww, owned := guard(w, r, enclosingSet(w, defaultSet))
	if owned {
		defer release(ww)
	}
	if err := f(ww, r); err != nil {
		Error(ww, r, err)
	}
}

// report logs and counts a failure answered with e, or, when committed,
// not answered: its status is then sent, the one the client received
// (e's when unknown). A server error is logged at error level and never
// sampled, whatever was sent before it: a handler that fails with a 500
// after its 200 is a bug to see.
func (s *Set) report(r *http.Request, m meta, e *apierr.Error, err error, committed bool, sent int) {
	code, status := e.AnsweredIn(s.contract)
	serverError := status >= 500
	if committed && sent != 0 {
		status = sent
		serverError = serverError || sent >= 500
	}
	level := slog.LevelError
	if !serverError {
		level = s.clientLevel
	}
	if err == nil {
		err = e
	}
	misconfigured := s.misconfigured(e)
	if misconfigured != "" && level < slog.LevelWarn {
		level = slog.LevelWarn
	}
	if s.metrics != nil {
		s.metrics(Failure{Request: r, Route: m.route, Status: status, Code: code, Contract: s.contract.Name(), RequestID: m.RequestID, Err: err, Committed: committed, Misconfigured: misconfigured})
	}
	l := s.log()
	ctx := r.Context()
	if !l.Enabled(ctx, level) {
		return
	}
	suppressed := 0
	if !serverError && s.sampler != nil {
		var ok bool
		if ok, suppressed = s.sampler.admit(code); !ok {
			return
		}
	}
	attrs := make([]slog.Attr, 0, 10)
	attrs = append(attrs, slog.String("code", code), slog.Int("status", status))
	attrs = m.attrs(attrs, r, s.traceID)
	attrs = append(attrs, slog.String("error", err.Error()))
	if suppressed > 0 {
		attrs = append(attrs, slog.Int("suppressed", suppressed))
	}
	if misconfigured != "" {
		attrs = append(attrs, slog.String("misconfigured", misconfigured))
	}
	var pe *PanicError
	if errors.As(err, &pe) {
		attrs = append(attrs, slog.String("stack", string(pe.Stack)))
	}
	msg := "request failed"
	if committed {
		msg = "request failed after its response was committed"
	}
	l.LogAttrs(ctx, level, msg, attrs...)
}

// misconfigured describes e when it was made for a condition in another
// contract than the set's: a component configured with a contract of its
// own answered inside this set, which answers it in its contract instead.
func (s *Set) misconfigured(e *apierr.Error) string {
	cond, ok := e.Condition()
	cat := e.Catalogue()
	if !ok || cat == nil || cat == s.contract.Catalogue() {
		return ""
	}
	return "a " + cond.String() + " failure made in the " + cat.Name() +
		" catalogue, answered in the set's contract " + s.contract.Name() + ": configure the component with the set's contract, or none"
}

// gone logs, quietly, a request whose client went away.
func (s *Set) gone(r *http.Request, m meta, err error) {
	if s.metrics != nil {
		s.metrics(Failure{Request: r, Route: m.route, Contract: s.contract.Name(), RequestID: m.RequestID, Err: err})
	}
	l := s.log()
	if !l.Enabled(r.Context(), slog.LevelDebug) {
		return
	}
	attrs := append(m.attrs(make([]slog.Attr, 0, 6), r, s.traceID), slog.String("error", err.Error()))
	l.LogAttrs(r.Context(), slog.LevelDebug, "client went away", attrs...)
}

// dropped logs, quietly, a second error for a request already answered.
func (s *Set) dropped(r *http.Request, route string, err error) {
	l := s.log()
	if err == nil || !l.Enabled(r.Context(), slog.LevelDebug) {
		return
	}
	m := s.metaOf(r, route)
	attrs := append(m.attrs(make([]slog.Attr, 0, 6), r, s.traceID), slog.String("error", err.Error()))
	l.LogAttrs(r.Context(), slog.LevelDebug, "error after the response was answered", attrs...)
}
