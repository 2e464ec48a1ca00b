package echomw

import (
	"net/http"

	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/internal/recovery"
	"github.com/labstack/echo/v4"
)

// A Set is the echo door of a [middleware.Set]: the same configuration
// (contract, logger, maintenance switch, rate limiter), with echo's
// error handler and middleware. Its middleware returns errors; pair it with
// [Set.ErrorHandler], as [Set.Install] does.
type Set struct {
	*middleware.Set

	// answered is the set's own Content-Type header value, equal to the
	// contract's: once the set has written an error, the response's
	// Content-Type is this very slice, which marks the request answered
	// without echo's per-request store (see [Set.ErrorHandler]).
	answered []string
}

// New returns a Set configured by opts; errors are classified by
// [Classify].
func New(opts ...middleware.Option) *Set {
	o := make([]middleware.Option, 0, len(opts)+1)
	o = append(o, middleware.WithClassifier(Classify))
	o = append(o, opts...)
	ms := middleware.New(o...)
	return &Set{Set: ms, answered: []string{ms.Contract().ContentType()}}
}

// Install sets the whole set on e in one call and returns it: the error
// handler (which also answers HEAD like GET, see [Set.ErrorHandler]) and
// [Set.Middleware] (request ID, recover, maintenance, rate limit) as one
// middleware of e.Use, so that unknown routes pass through it too. Routes
// may be added before or after.
func Install(e *echo.Echo, opts ...middleware.Option) *Set {
	s := New(opts...)
	s.Install(e)
	return s
}

// Install sets s on e; see the package function [Install]. It adds one
// middleware to e.Use and no pre-middleware: a request that succeeds costs
// one allocation more than on bare echo, the one echo spends on every
// middleware; [Set.Handler] spares it.
func (s *Set) Install(e *echo.Echo) {
	e.HTTPErrorHandler = s.ErrorHandler
	e.Use(s.Middleware)
}

// Middleware is the whole set as one echo middleware: [Set.RequestID],
// [Set.Recover], [Set.Maintenance] and [Set.RateLimit], in that order.
// Echo applies its middleware anew on every request, at the cost of one
// allocation each; for none at all, serve e through [Set.Handler] instead.
func (s *Set) Middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		r := c.Request()
		s.SetRequestID(c.Response().Header(), r)
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				err = recovery.Recovered(s.Set, c.Request(), v)
			}
		}()
		if isHeadRedo(r) {
			return next(c) // admitted as HEAD already
		}
		if e := s.MaintenanceError(r); e != nil {
			return e
		}
		if e := s.RateLimitError(r); e != nil {
			return e
		}
		return next(c)
	}
}

// Handler returns e behind the set's net/http pieces: request ID, recover,
// maintenance and rate limit run in front of echo and add no allocation
// (echo applies e.Use middleware anew on every request). e's error handler
// must be s.ErrorHandler:
//
//	s := echomw.New()
//	e.HTTPErrorHandler = s.ErrorHandler
//	srv := &http.Server{Addr: addr, Handler: s.Handler(e)}
//
// A panic recovered there is logged without echo's route. HEAD is
// answered like GET where e routes GET but not HEAD, its body discarded,
// as [HeadAsGet] does.
func (s *Set) Handler(e *echo.Echo) http.Handler {
	return s.Front(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead && headAsGet(e, r) {
			get := *r
			get.Method = http.MethodGet
			e.ServeHTTP(headWriter{w}, &get)
			return
		}
		e.ServeHTTP(w, r)
	}), false)
}

// answeredKey marks in echo's context store a request the set answered
// without writing its error (the response was committed before, or the
// client went away, or HEAD was served as GET); a written error is marked
// by the response's Content-Type instead, which costs nothing.
const answeredKey = "errkit.answered"

// ErrorHandler is an echo.HTTPErrorHandler: it answers err in the set's
// contract, once; a 405's Allow header lists HEAD when it lists GET. Echo
// may call it twice for one request, and a handler may fail after writing
// part of its body: a committed response is never written again; the
// failure is logged.
//
// HEAD is answered like GET, as net/http's ServeMux does (RFC 9110,
// 9.3.2): when echo's router fails a HEAD request (404 or 405) to a path
// with a GET route, the request is served again by e as GET, through e's
// middleware, and its answer is sent without its body. The set's
// middleware does not count it twice against the rate limit. Other
// middleware, of e.Pre and e.Use, sees both passes, the HEAD that failed
// and the GET, which has the URL the first pass left.
func (s *Set) ErrorHandler(err error, c echo.Context) {
	res := c.Response()
	if res.Committed && s.marked(res.Header()) || c.Get(answeredKey) != nil {
		return
	}
	if serveHeadAsGet(err, c) {
		c.Set(answeredKey, true)
		return
	}
	committed := res.Committed
	if !committed {
		allowHead(res.Header())
	}
	s.RespondTo(res, c.Request(), c.Path(), committed, err)
	if committed || !res.Committed || !s.mark(res.Header()) {
		c.Set(answeredKey, true)
	}
}

// mark marks h, the header of a response the set has just written an
// error to, as answered: its Content-Type, already sent, is replaced by
// the set's own slice of the same value. It reports false when it cannot.
func (s *Set) mark(h http.Header) bool {
	ct := h["Content-Type"]
	if len(s.answered) != 1 || len(ct) != 1 || ct[0] != s.answered[0] {
		return false
	}
	// Delete first: assigning to a map of 8 keys (a 429's headers) grows
	// it, 3 allocations, even when the key is there; 7 fit as they are.
	delete(h, "Content-Type")
	h["Content-Type"] = s.answered
	return true
}

// marked reports whether h was marked by mark.
func (s *Set) marked(h http.Header) bool {
	ct := h["Content-Type"]
	return len(s.answered) == 1 && len(ct) == 1 && &ct[0] == &s.answered[0]
}

// RequestID is [middleware.Set.RequestID] in echo's form: the ID is in the
// request's and the response's X-Request-Id header, where
// c.Response().Header().Get(echo.HeaderXRequestID) reads it.
func (s *Set) RequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		s.SetRequestID(c.Response().Header(), c.Request())
		return next(c)
	}
}

// Recover turns a panic into an Internal error for the error handler
// (the contract's 500); [http.ErrAbortHandler] is re-panicked.
func (s *Set) Recover(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				err = recovery.Recovered(s.Set, c.Request(), v)
			}
		}()
		return next(c)
	}
}

// Maintenance fails requests not exempt with
// [middleware.Set.MaintenanceError] while maintenance is on.
func (s *Set) Maintenance(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if r := c.Request(); isHeadRedo(r) {
			return next(c)
		} else if e := s.MaintenanceError(r); e != nil {
			return e
		}
		return next(c)
	}
}

// RateLimit fails requests over the limit of the set's limiter with
// [middleware.Set.RateLimitError]; without a limiter it lets every request
// through.
func (s *Set) RateLimit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if r := c.Request(); isHeadRedo(r) {
			return next(c)
		} else if e := s.RateLimitError(r); e != nil {
			return e
		}
		return next(c)
	}
}
