package echomw

import (
	"net/http"

	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/internal/allow"
	"github.com/labstack/echo/v4"
)

// A Set is the echo door of a [middleware.Set]: the same configuration
// (contract, logger, maintenance switch, rate limiter), with echo's
// error handler and middleware. Its middleware returns errors; pair it with
// [Set.ErrorHandler], as [Set.Install] does.
type Set struct {
	// Set is the door-independent configuration, shared with the other
	// doors' sets made from it.
	*middleware.Set

	// head is set when HEAD is answered like GET ([Set.ServeHeadAsGet],
	// [Set.Handler]): a 405's Allow header then lists HEAD with GET.
	head bool
}

// New returns a Set configured by opts; errors are classified by
// [Classify].
func New(opts ...middleware.Option) *Set {
	o := make([]middleware.Option, 0, len(opts)+1)
	o = append(o, middleware.WithClassifier(Classify))
	o = append(o, opts...)
	return &Set{Set: middleware.New(o...)}
}

// Install sets the whole set on e in one call and returns it: the error
// handler and [Set.Middleware] (request ID, recover, maintenance, rate
// limit) as one middleware of e.Use, so that unknown routes pass through it
// too. Routes may be added before or after. HEAD is answered like GET only
// when asked for, with [middleware.WithHeadAsGet] among opts or one more
// line (see [Set.ServeHeadAsGet]):
//
//	echomw.Install(e).ServeHeadAsGet(e)
func Install(e *echo.Echo, opts ...middleware.Option) *Set {
	s := New(opts...)
	s.Install(e)
	return s
}

// Install sets s on e; see the package function [Install]. Echo applies
// its middleware anew on every request; [Set.Handler] runs the same in
// front of echo instead.
func (s *Set) Install(e *echo.Echo) {
	e.HTTPErrorHandler = s.ErrorHandler
	e.Use(s.Middleware)
	if s.HeadAsGet() {
		s.ServeHeadAsGet(e)
	}
}

// ServeHeadAsGet makes e answer HEAD like GET, as net/http's ServeMux
// does: it adds [HeadAsGet] to e.Pre, and the set's error handler lists
// HEAD in a 405's Allow header wherever it lists GET. It is opt-in: echo
// runs a pre-middleware and builds its middleware chain anew for every
// request, HEAD or not. Call it before serving.
func (s *Set) ServeHeadAsGet(e *echo.Echo) {
	s.head = true
	e.Pre(HeadAsGet)
}

// Middleware is the whole set as one echo middleware: [Set.RequestID],
// [Set.Recover], the check of [middleware.Set.TargetError],
// [Set.Maintenance] and [Set.RateLimit], in that order.
// Echo applies its middleware anew on every request; to run the set in
// front of echo instead, serve e through [Set.Handler].
func (s *Set) Middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		s.SetRequestID(c.Response().Header(), r)
		return s.Catch(r, func() error {
			if e := s.TargetError(r); e != nil {
				return e
			}
			if e := s.MaintenanceError(r); e != nil {
				return e
			}
			if e := s.RateLimitError(r); e != nil {
				return e
			}
			return next(c)
		})
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
// as [HeadAsGet] does, before echo sees the request (a method comparison
// for other requests), and the set's 405s list HEAD with GET.
func (s *Set) Handler(e *echo.Echo) http.Handler {
	s.head = true
	return s.Front(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if headAsGet(e, r) {
			get := *r
			get.Method = http.MethodGet
			e.ServeHTTP(headWriter{w}, &get)
			return
		}
		e.ServeHTTP(w, r)
	}), false)
}

// ErrorHandler is an echo.HTTPErrorHandler: it answers err in the set's
// contract, once; when HEAD is served like GET ([Set.ServeHeadAsGet]), a
// 405's Allow header lists HEAD when it lists GET. Echo may call it twice
// for one request (a middleware that calls c.Error and returns the error
// too, as echo's logger does), and a handler may fail after writing part
// of its body: a committed response is never written again; the failure
// is logged once, with the status the client received.
func (s *Set) ErrorHandler(err error, c echo.Context) {
	res := c.Response()
	if _, ok := res.Writer.(*answered); ok {
		return
	}
	sent := 0
	if res.Committed {
		sent = res.Status
	} else if s.head {
		allow.AddHead(res.Header())
	}
	s.RespondSent(res, c.Request(), c.Path(), sent, err)
	res.Writer = &answered{res.Writer}
}

// answered marks a response the error handler answered: it wraps the
// response's writer once the error is written (or, for a response
// committed before, logged), so that a second call for the same request
// does nothing. The mark lives as long as the request's response and
// passes everything through.
type answered struct{ http.ResponseWriter }

// Unwrap returns the underlying writer, for [http.ResponseController].
func (a *answered) Unwrap() http.ResponseWriter { return a.ResponseWriter }

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
	return func(c echo.Context) error {
		return s.Catch(c.Request(), func() error { return next(c) })
	}
}

// Maintenance fails requests not exempt with
// [middleware.Set.MaintenanceError] while maintenance is on.
func (s *Set) Maintenance(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if e := s.MaintenanceError(c.Request()); e != nil {
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
		if e := s.RateLimitError(c.Request()); e != nil {
			return e
		}
		return next(c)
	}
}
