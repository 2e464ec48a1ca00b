package echov5mw

import (
	"errors"

	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/internal/allow"
	"github.com/labstack/echo/v5"
)

// A Set is the echo v5 door of a [middleware.Set]: the same configuration
// (contract, logger, maintenance switch, rate limiter), with echo's error
// handler and middleware. Its middleware returns errors; pair it with
// [Set.ErrorHandler], as [Set.Install] does.
type Set struct {
	// Set is the door-independent configuration, shared with the other
	// doors' sets made from it.
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
// handler and [Set.Middleware] (request ID, recover, maintenance, rate
// limit) as one middleware of e.Use, which echo v5 runs for unknown routes
// too. Routes may be added before or after. HEAD is served by the GET
// routes only when e's router was built with RouterConfig.AutoHandleHEAD,
// as [Set.NewEcho] builds it.
func Install(e *echo.Echo, opts ...middleware.Option) *Set {
	s := New(opts...)
	s.Install(e)
	return s
}

// Install sets s on e; see the package function [Install]. Echo v5
// compiles its middleware chain once, so the set's middleware costs a
// request that succeeds no allocation.
func (s *Set) Install(e *echo.Echo) {
	e.HTTPErrorHandler = s.ErrorHandler
	e.Use(s.Middleware)
}

// NewEcho returns echo.NewWithConfig(cfg) with the set installed (see
// [Set.Install]). When cfg has no Router, the router is echo's default
// one with AutoHandleHEAD: HEAD is answered like GET, as net/http's
// ServeMux does (RFC 9110, 9.3.2), where a path has a GET route and no
// HEAD route, and the Allow header of a 405 lists HEAD beside GET.
func (s *Set) NewEcho(cfg echo.Config) *echo.Echo {
	if cfg.Router == nil {
		cfg.Router = echo.NewRouter(echo.RouterConfig{AllowOverwritingRoute: true, AutoHandleHEAD: true})
	}
	e := echo.NewWithConfig(cfg)
	s.Install(e)
	return e
}

// Middleware is the whole set as one echo middleware: [Set.RequestID],
// [Set.Recover], the check of [middleware.Set.TargetError],
// [Set.Maintenance] and [Set.RateLimit], in that order.
func (s *Set) Middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
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

// answeredKey marks in echo's context store a request the set answered;
// echo v5 keeps the store's map from request to request.
const answeredKey = "errkit.answered"

// ErrorHandler is an echo.HTTPErrorHandler: it answers err in the set's
// contract, once; a 405's Allow header lists HEAD when it lists GET and
// the router serves HEAD by GET (see [Set.NewEcho]). A handler may fail
// after writing part of its body, and echo's handler may be called twice
// for one request (the idempotency middleware calls it): a committed
// response is never written again; the failure is logged, with the status
// the client received.
func (s *Set) ErrorHandler(c *echo.Context, err error) {
	if c.Get(answeredKey) != nil {
		return
	}
	c.Set(answeredKey, true)
	w := c.Response()
	res, _ := echo.UnwrapResponse(w)
	sent := 0
	if res != nil && res.Committed {
		sent = res.Status
	}
	committed := sent != 0
	route := c.Path()
	if errors.Is(err, echo.ErrNotFound) || errors.Is(err, echo.ErrMethodNotAllowed) {
		// c.RouteInfo copies the route's parameters: asked only here, where
		// the router's own failures have none.
		switch c.RouteInfo().Name {
		case echo.NotFoundRouteName:
			route = ""
		case echo.MethodNotAllowedRouteName:
			route = ""
			if !committed && headAsGet(c) {
				allow.AddHead(w.Header())
			}
		}
	}
	s.RespondSent(w, c.Request(), route, sent, err)
}

// RequestID is [middleware.Set.RequestID] in echo's form: the ID is in the
// request's and the response's X-Request-Id header, where
// c.Response().Header().Get(echo.HeaderXRequestID) reads it.
func (s *Set) RequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		s.SetRequestID(c.Response().Header(), c.Request())
		return next(c)
	}
}

// Recover turns a panic into an Internal error for the error handler
// (the contract's 500); [http.ErrAbortHandler] is re-panicked.
func (s *Set) Recover(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		return s.Catch(c.Request(), func() error { return next(c) })
	}
}

// Maintenance fails requests not exempt with
// [middleware.Set.MaintenanceError] while maintenance is on.
func (s *Set) Maintenance(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
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
	return func(c *echo.Context) error {
		if e := s.RateLimitError(c.Request()); e != nil {
			return e
		}
		return next(c)
	}
}
