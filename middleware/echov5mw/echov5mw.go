package echov5mw

import (
	"errors"
	"github.com/errkit/errkit/middleware/internal/allow"
	"net/http"

	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/internal/recovery"
	"github.com/labstack/echo/v5"
)

// A Set is the echo v5 door of a [middleware.Set]: the same configuration
// (contract, logger, maintenance switch, rate limiter), with echo's error
// handler and middleware. Its middleware returns errors; pair it with
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
// [Set.Recover], [Set.Maintenance] and [Set.RateLimit], in that order.
func (s *Set) Middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) (err error) {
		r := c.Request()
		middleware.SetRequestID(c.Response().Header(), r)
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				err = recovery.Recovered(s.Set, c.Request(), v)
			}
		}()
		if e := s.MaintenanceError(r); e != nil {
			return e
		}
		if e := s.RateLimitError(r); e != nil {
			return e
		}
		return next(c)
	}
}

// answeredKey marks in echo's context store a request the set answered
// without writing its error (the response was committed before, or the
// client went away); a written error is marked by the response's
// Content-Type instead, which costs nothing.
const answeredKey = "errkit.answered"

// ErrorHandler is an echo.HTTPErrorHandler: it answers err in the set's
// contract, once; a 405's Allow header lists HEAD when it lists GET and
// the router serves HEAD by GET (see [Set.NewEcho]). A handler may fail
// after writing part of its body, and echo's handler may be called twice
// for one request (the idempotency middleware calls it): a committed
// response is never written again; the failure is logged.
func (s *Set) ErrorHandler(c *echo.Context, err error) {
	w := c.Response()
	h := w.Header()
	res, _ := echo.UnwrapResponse(w)
	committed := res != nil && res.Committed
	if committed && s.marked(h) || c.Get(answeredKey) != nil {
		return
	}
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
				allow.AddHead(h)
			}
		}
	}
	s.RespondTo(w, c.Request(), route, committed, err)
	if committed || res == nil || !res.Committed || !s.mark(h) {
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
	// it, even when the key is there; 7 fit as they are.
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
	return func(c *echo.Context) error {
		middleware.SetRequestID(c.Response().Header(), c.Request())
		return next(c)
	}
}

// Recover turns a panic into an Internal error for the error handler
// (the contract's 500); [http.ErrAbortHandler] is re-panicked.
func (s *Set) Recover(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) (err error) {
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
