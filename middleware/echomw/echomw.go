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
	*middleware.Set
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
// handler, [HeadAsGet] as a pre-middleware of e.Pre (HEAD is answered like
// GET), and [Set.Middleware] (request ID, recover, maintenance, rate limit)
// as one middleware of e.Use, so that unknown routes pass through it too.
// Routes may be added before or after.
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
	e.Pre(HeadAsGet)
	e.Use(s.Middleware)
}

// Middleware is the whole set as one echo middleware: [Set.RequestID],
// [Set.Recover], [Set.Maintenance] and [Set.RateLimit], in that order.
// Echo applies its middleware anew on every request; to run the set in
// front of echo instead, serve e through [Set.Handler].
func (s *Set) Middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		middleware.SetRequestID(c.Response().Header(), r)
		return s.Catch(r, func() error {
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
// as [HeadAsGet] does, before echo sees the request.
func (s *Set) Handler(e *echo.Echo) http.Handler {
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

// answeredKey marks in echo's context store a request the set answered.
const answeredKey = "errkit.answered"

// ErrorHandler is an echo.HTTPErrorHandler: it answers err in the set's
// contract, once; a 405's Allow header lists HEAD when it lists GET. Echo
// may call it twice for one request, and a handler may fail after writing
// part of its body: a committed response is never written again; the
// failure is logged. HEAD is answered like GET by [HeadAsGet], which
// [Install] sets.
func (s *Set) ErrorHandler(err error, c echo.Context) {
	if c.Get(answeredKey) != nil {
		return
	}
	c.Set(answeredKey, true)
	res := c.Response()
	committed := res.Committed
	if !committed {
		allow.AddHead(res.Header())
	}
	s.RespondTo(res, c.Request(), c.Path(), committed, err)
}

// RequestID is [middleware.Set.RequestID] in echo's form: the ID is in the
// request's and the response's X-Request-Id header, where
// c.Response().Header().Get(echo.HeaderXRequestID) reads it.
func (s *Set) RequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		middleware.SetRequestID(c.Response().Header(), c.Request())
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
