package ginmw

import (
	"context"
	"github.com/errkit/errkit/middleware/internal/allow"
	"net/http"
	"sync"

	"github.com/errkit/errkit/internal/jsonbody"
	"github.com/errkit/errkit/middleware"
	"github.com/gin-gonic/gin"
)

// A Set is the gin door of a [middleware.Set]: the same configuration
// (contract, logger, maintenance switch, rate limiter), with gin
// middleware. Its pieces record failures with c.Error and abort the
// chain; [Set.Errors] (part of [Set.Middleware]) answers them.
type Set struct {
	// Set is the door-independent configuration, shared with the other
	// doors' sets made from it.
	*middleware.Set

	// engine serves HEAD requests again as GET; set by Install.
	engine *gin.Engine
}

// New returns a Set configured by opts; errors are classified by
// [Classify].
func New(opts ...middleware.Option) *Set {
	o := make([]middleware.Option, 0, len(opts)+1)
	o = append(o, middleware.WithClassifier(Classify))
	o = append(o, opts...)
	return &Set{Set: middleware.New(o...)}
}

// Install sets the whole set on e in one call and returns it; see
// [Set.Install].
func Install(e *gin.Engine, opts ...middleware.Option) *Set {
	s := New(opts...)
	s.Install(e)
	return s
}

// Install sets s on e: [Set.Middleware] as e's first middleware, which gin
// also runs for unknown routes and methods; HandleMethodNotAllowed, so that
// a path with other methods is answered 405 with Allow rather than 404;
// no redirects (RedirectTrailingSlash and RedirectFixedPath off: a bad
// path is a 404 in the contract, never a redirect). HEAD is answered like
// GET, as net/http's ServeMux does (RFC 9110, 9.3.2), where a path has a
// GET route and no HEAD route: the request goes through e again as GET,
// its body dropped, and the Allow header of a 405 lists HEAD beside GET.
// Call it before adding middleware and routes, on one engine per Set: the
// Set serves HEAD again through the engine it was installed on last.
func (s *Set) Install(e *gin.Engine) {
	s.engine = e
	e.HandleMethodNotAllowed = true
	e.RedirectTrailingSlash = false
	e.RedirectFixedPath = false
	e.Use(s.Middleware)
}

// Middleware is the whole set as one gin middleware: [Set.Errors],
// [Set.RequestID], [Set.Recover], the check of
// [middleware.Set.TargetError], [Set.Maintenance] and [Set.RateLimit], in
// that order. Put it first: it answers what the handlers after it
// fail with.
func (s *Set) Middleware(c *gin.Context) {
	r := c.Request
	w := guard(c)
	defer w.release(c) // also when Catch re-panics http.ErrAbortHandler
	s.SetRequestID(w.Header(), r)
	err := s.Catch(r, func() error {
		if isHeadRedo(r) {
			w.head = true // admitted as HEAD already
		} else {
			if e := s.TargetError(r); e != nil {
				return e
			}
			if e := s.MaintenanceError(r); e != nil {
				return e
			}
			if e := s.RateLimitError(r); e != nil {
				return e
			}
			if s.headAsGet(c, w) {
				s.serveHeadAsGet(c, w)
				return nil
			}
		}
		c.Next()
		return nil
	})
	if err != nil {
		c.Abort() // nothing after the set runs once it answers
	}
	s.answer(c, w, err)
	if w.head {
		w.sendHead()
	}
}

// Errors answers, once the handlers after it are done, the last error of
// c.Errors in the set's contract; or, when there is none, an error status
// gin or a handler left without a body of its own (gin's 404 and 405,
// c.AbortWithStatus, a text/plain body such as c.String's), as the
// contract's code for that status. A response already committed is not
// written again; the failure is logged, with the status the client
// received. With c.AbortWithError, the status
// given is the answer's when the error itself has none (a plain error).
func (s *Set) Errors(c *gin.Context) {
	w := guard(c)
	defer w.release(c) // also when a panic goes on, for a Recover outside
	c.Next()
	s.answer(c, w, nil)
}

// answer answers c with err, or else with the last of c.Errors, or else
// with the error status left bare; nothing when there is none of them.
func (s *Set) answer(c *gin.Context, w *writer, err error) {
	if w.answered {
		return
	}
	if err == nil {
		if n := len(c.Errors); n > 0 {
			err = c.Errors[n-1].Err
		}
	}
	committed := w.ResponseWriter.Written()
	status := w.ResponseWriter.Status()
	switch {
	case err == nil && (committed || status < 400):
		return
	case err == nil:
		err = statusError(status)
	case !committed && status >= 400:
		err = &statusHint{status: status, err: err}
	}
	w.answered, w.held = true, false
	if !committed && status == http.StatusMethodNotAllowed && s.engine != nil {
		allow.AddHead(w.Header())
	}
	r := c.Request
	if head, ok := r.Context().Value(headRedo{}).(*http.Request); ok {
		r = head // answered as HEAD: the contract's headers, no body
	}
	sent := 0
	if committed {
		sent = status
	}
	s.RespondSent(w.ResponseWriter, r, c.FullPath(), sent, err)
	if !committed {
		// A HEAD answer has no body to send the status with: send it now,
		// or gin would write its own page after the chain.
		w.ResponseWriter.WriteHeaderNow()
	}
}

// RequestID is [middleware.Set.RequestID] in gin's form: the ID is in the
// request's and the response's X-Request-Id header.
func (s *Set) RequestID(c *gin.Context) {
	s.SetRequestID(c.Writer.Header(), c.Request)
	c.Next()
}

// Recover turns a panic of the handlers after it into an Internal error
// (the contract's 500) recorded with c.Error for [Set.Errors], and aborts
// the chain; [http.ErrAbortHandler] is re-panicked.
func (s *Set) Recover(c *gin.Context) {
	if err := s.Catch(c.Request, func() error { c.Next(); return nil }); err != nil {
		c.Abort()
		_ = c.Error(err)
	}
}

// Maintenance fails requests not exempt with
// [middleware.Set.MaintenanceError] while maintenance is on.
func (s *Set) Maintenance(c *gin.Context) {
	if e := s.MaintenanceError(c.Request); e != nil && !isHeadRedo(c.Request) {
		_ = c.Error(e)
		c.Abort()
	}
}

// RateLimit fails requests over the limit of the set's limiter with
// [middleware.Set.RateLimitError]; without a limiter it lets every request
// through.
func (s *Set) RateLimit(c *gin.Context) {
	if isHeadRedo(c.Request) {
		return
	}
	if e := s.RateLimitError(c.Request); e != nil {
		_ = c.Error(e)
		c.Abort()
	}
}

// A HandlerFunc is a gin handler that returns its failure.
type HandlerFunc func(c *gin.Context) error

// Handler adapts f to gin: a non-nil error is recorded with c.Error and
// the chain aborted, for [Set.Errors] to answer in the contract.
func Handler(f HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := f(c); err != nil {
			_ = c.Error(err)
			c.Abort()
		}
	}
}

// headRedo marks, in its context, a HEAD request served again as GET: the
// set's middleware has already admitted it. Its value is the HEAD request.
type headRedo struct{}

func isHeadRedo(r *http.Request) bool { return r.Context().Value(headRedo{}) != nil }

// headAsGet reports whether c is a HEAD request gin failed with 405 for a
// path whose methods include GET, on an engine s was installed on.
func (s *Set) headAsGet(c *gin.Context, w *writer) bool {
	return s.engine != nil && c.Request.Method == http.MethodHead && c.FullPath() == "" &&
		w.ResponseWriter.Status() == http.StatusMethodNotAllowed && !w.ResponseWriter.Written() &&
		allow.Has(w.Header().Get("Allow"), http.MethodGet)
}

// serveHeadAsGet serves c's HEAD request again through the engine as GET,
// its body dropped by the second pass of the set's middleware.
func (s *Set) serveHeadAsGet(c *gin.Context, w *writer) {
	r := c.Request
	get := r.WithContext(context.WithValue(r.Context(), headRedo{}, r))
	get.Method = http.MethodGet
	delete(w.Header(), "Allow")
	w.ResponseWriter.WriteHeader(http.StatusOK) // not sent: the 405 gin set is forgotten
	c.Request = get
	s.engine.HandleContext(c)
	c.Request = r
	c.Abort()
	w.answered = true
}

var writerPool = sync.Pool{New: func() any { return new(writer) }}

// guard puts a pooled guarding writer in front of c.Writer.
func guard(c *gin.Context) *writer {
	w := writerPool.Get().(*writer)
	*w = writer{ResponseWriter: c.Writer}
	c.Writer = w
	return w
}

// release puts c.Writer back and w in the pool.
func (w *writer) release(c *gin.Context) {
	c.Writer = w.ResponseWriter
	*w = writer{}
	writerPool.Put(w)
}

// BodyLimit returns gin middleware that limits request bodies to n bytes:
// a request whose Content-Length says more fails at once with
// [apierr.TooLarge] (413), the answer the validation package and
// [middleware.Classify] give a body read past its limit; a longer body than its Content-Length
// says fails the handler that reads it with an *http.MaxBytesError, which
// [Classify] answers alike.
func BodyLimit(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		r := c.Request
		if r.ContentLength > n {
			_ = c.Error(jsonbody.Classify(&http.MaxBytesError{Limit: n}))
			c.Abort()
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(c.Writer, r.Body, n)
		}
	}
}
