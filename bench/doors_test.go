package bench

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echov5mw"
	"github.com/errkit/errkit/middleware/ginmw"
	"github.com/gin-contrib/requestid"
	"github.com/gin-gonic/gin"
	echov5 "github.com/labstack/echo/v5"
	echov5middleware "github.com/labstack/echo/v5/middleware"
)

// The echo v5 and gin doors, each against its framework's own way of
// answering the same failure (echo v5's default error handler; gin's
// AbortWithStatusJSON with the same body), the floor and, for the success
// path, the bare framework.

func init() {
	gin.SetMode(gin.ReleaseMode)
	gin.DefaultErrorWriter = io.Discard // gin's Recovery logs each panic's stack there
}

// ginFail answers b as a gin user does without errkit: the headers set in
// the least costly way, and b, the contract's body built for this request,
// encoded by gin's AbortWithStatusJSON.
func ginFail(c *gin.Context, b *errBody) {
	h := c.Writer.Header()
	for k, v := range b.header {
		h[k] = v
	}
	c.AbortWithStatusJSON(b.StatusCode, b)
}

// v5Error is b as an echo v5 handler returns it to echo's default error
// handler: an error that knows its status (echo.HTTPStatusCoder) and
// encodes itself (json.Marshaler), since v5's HTTPError carries a string.
type v5Error struct{ *errBody }

func (e v5Error) Error() string                { return e.Message }
func (e v5Error) StatusCode() int              { return e.errBody.StatusCode }
func (e v5Error) MarshalJSON() ([]byte, error) { return json.Marshal(e.errBody) }

// v5Fail sets b's headers, in the least costly way, and returns b for
// echo v5's DefaultHTTPErrorHandler to encode with c.JSON.
func v5Fail(c *echov5.Context, b *errBody) error {
	h := c.Response().Header()
	for k, v := range b.header {
		h[k] = v
	}
	h["Content-Type"] = hvContentJSON
	return v5Error{b}
}

// v5Internal hands a recovered panic's error, which echo v5's Recover
// returns, on as the contract's 500: v5's Recover has no hook of its own.
func v5Internal(next echov5.HandlerFunc) echov5.HandlerFunc {
	return func(c *echov5.Context) error {
		err := next(c)
		if _, ok := err.(v5Error); err != nil && !ok {
			return v5Fail(c, contract500())
		}
		return err
	}
}

// floorGin writes body, encoded in advance, with errkit's headers.
func floorGin(status int, body string, extra http.Header) gin.HandlerFunc {
	b := []byte(body)
	return func(c *gin.Context) {
		floorHeaders(c.Writer.Header(), extra)
		c.Writer.WriteHeader(status)
		_, _ = c.Writer.Write(b)
		c.Abort()
	}
}

// ginOn returns a gin engine answering GET path with h behind mw.
func ginOn(path string, h gin.HandlerFunc, mw ...gin.HandlerFunc) *gin.Engine {
	e := gin.New()
	e.Use(mw...)
	e.GET(path, h)
	return e
}

// errkitGin returns a gin engine behind ginmw.Install answering GET path
// with fail.
func errkitGin(path string, fail func() error, opts ...middleware.Option) *gin.Engine {
	e := gin.New()
	ginmw.Install(e, append([]middleware.Option{quiet}, opts...)...)
	e.GET(path, ginmw.Handler(func(c *gin.Context) error {
		if err := fail(); err != nil {
			return err
		}
		c.Data(http.StatusOK, echov5.MIMEApplicationJSON, paymentJSON)
		return nil
	}))
	return e
}

func echov5On(path string, h echov5.HandlerFunc, mw ...echov5.MiddlewareFunc) *echov5.Echo {
	e := echov5.New()
	e.Use(mw...)
	e.GET(path, h)
	return e
}

// errkitEchov5 returns an echo v5 server built by echov5mw's NewEcho,
// answering GET path with fail.
func errkitEchov5(path string, fail func() error, opts ...middleware.Option) *echov5.Echo {
	e := echov5mw.New(append([]middleware.Option{quiet}, opts...)...).NewEcho(echov5.Config{})
	e.GET(path, func(c *echov5.Context) error {
		if err := fail(); err != nil {
			return err
		}
		return c.JSONBlob(http.StatusOK, paymentJSON)
	})
	return e
}

func floorEchov5(status int, body string, extra http.Header) echov5.HandlerFunc {
	b := []byte(body)
	return func(c *echov5.Context) error {
		w := c.Response()
		floorHeaders(w.Header(), extra)
		w.WriteHeader(status)
		_, err := w.Write(b)
		return err
	}
}

// denyStore5 is an echo v5 rate limiter store that turns everyone away.
type denyStore5 struct{}

func (denyStore5) Allow(string) (bool, error) { return false, nil }

func init() {
	ok := func(c *gin.Context) { c.Data(http.StatusOK, echov5.MIMEApplicationJSON, paymentJSON) }
	okEcho := func(c *echov5.Context) error { return c.JSONBlob(http.StatusOK, paymentJSON) }
	noop := func(*echov5.Context) error { return nil }
	panicGin := func(*gin.Context) { panic("nil map") }
	panicEcho := func(*echov5.Context) error { panic("nil map") }
	hdr := map[string]string{"X-Request-Id": ""}
	hdr503 := map[string]string{"X-Request-Id": "", "Retry-After": "3600"}
	hdr429 := map[string]string{"X-Request-Id": ""}
	for k, v := range header429Want {
		hdr429[k] = v
	}
	// Each framework's baseline answers behind its own request-ID
	// middleware, as errkit's set makes an ID for every request: echo v5's
	// middleware.RequestID, and gin's gin-contrib/requestid.
	echoID := echov5middleware.RequestID()
	ginID := requestid.New()
	register(
		// 404
		run{kase: "404", router: "echov5", impl: "floor", h: echov5On("/payments/:id", floorEchov5(404, body404, nil)), status: 404, body: body404},
		run{kase: "404", router: "echov5", impl: "echo", h: echov5On("/payments/:id", func(c *echov5.Context) error {
			return v5Fail(c, contract404())
		}, echoID), status: 404, body: body404 + "\n", header: hdr},
		run{kase: "404", router: "echov5", impl: "errkit", h: errkitEchov5("/payments/:id", fail404), status: 404, body: body404, header: hdr},
		run{kase: "404", router: "gin", impl: "floor", h: ginOn("/payments/:id", floorGin(404, body404, nil)), status: 404, body: body404},
		run{kase: "404", router: "gin", impl: "gin", h: ginOn("/payments/:id", func(c *gin.Context) {
			ginFail(c, contract404())
		}, ginID), status: 404, body: body404, header: hdr},
		run{kase: "404", router: "gin", impl: "errkit", h: errkitGin("/payments/:id", fail404), status: 404, body: body404, header: hdr},

		// 422
		run{kase: "422", router: "echov5", impl: "floor", h: echov5On("/quotes", floorEchov5(422, body422, nil)), status: 422, body: body422},
		run{kase: "422", router: "echov5", impl: "echo", h: echov5On("/quotes", func(c *echov5.Context) error {
			return v5Fail(c, contract422())
		}, echoID), status: 422, body: body422 + "\n", header: hdr},
		run{kase: "422", router: "echov5", impl: "errkit", h: errkitEchov5("/quotes", fail422), status: 422, body: body422, header: hdr},
		run{kase: "422", router: "gin", impl: "floor", h: ginOn("/quotes", floorGin(422, body422, nil)), status: 422, body: body422},
		run{kase: "422", router: "gin", impl: "gin", h: ginOn("/quotes", func(c *gin.Context) {
			ginFail(c, contract422())
		}, ginID), status: 422, body: body422, header: hdr},
		run{kase: "422", router: "gin", impl: "errkit", h: errkitGin("/quotes", fail422), status: 422, body: body422, header: hdr},

		// 400x5
		run{kase: "400x5", router: "echov5", impl: "floor", h: echov5On("/transfers", func(c *echov5.Context) error {
			_ = validate.Engine().Struct(&badTransfer)
			return floorEchov5(400, body400, nil)(c)
		}), status: 400, body: body400},
		run{kase: "400x5", router: "echov5", impl: "echo", h: echov5On("/transfers", func(c *echov5.Context) error {
			return v5Fail(c, contract400(validate.Engine().Struct(&badTransfer)))
		}, echoID), status: 400, body: body400 + "\n", header: hdr},
		run{kase: "400x5", router: "echov5", impl: "errkit", h: errkitEchov5("/transfers", fail400), status: 400, body: body400, header: hdr},
		run{kase: "400x5", router: "gin", impl: "floor", h: ginOn("/transfers", func(c *gin.Context) {
			_ = validate.Engine().Struct(&badTransfer)
			floorGin(400, body400, nil)(c)
		}), status: 400, body: body400},
		run{kase: "400x5", router: "gin", impl: "gin", h: ginOn("/transfers", func(c *gin.Context) {
			ginFail(c, contract400(validate.Engine().Struct(&badTransfer)))
		}, ginID), status: 400, body: body400, header: hdr},
		run{kase: "400x5", router: "gin", impl: "errkit", h: errkitGin("/transfers", fail400), status: 400, body: body400, header: hdr},

		// A handler that panics: echo v5's Recover (no stack printed, as
		// errkit's set captures none when it does not log) returns the
		// panic as an error, which a middleware answers as the contract's
		// 500; gin's CustomRecovery answers it.
		run{kase: "panic", router: "echov5", impl: "echo", h: echov5On("/payments/:id", panicEcho, echoID, v5Internal,
			echov5middleware.RecoverWithConfig(echov5middleware.RecoverConfig{DisablePrintStack: true})),
			status: 500, body: body500 + "\n", header: hdr},
		run{kase: "panic", router: "echov5", impl: "errkit", h: errkitEchov5("/payments/:id", panics), status: 500, body: body500, header: hdr},
		run{kase: "panic", router: "gin", impl: "gin", h: ginOn("/payments/:id", panicGin, ginID, gin.CustomRecoveryWithWriter(nil, func(c *gin.Context, _ any) {
			ginFail(c, contract500())
		})), status: 500, body: body500, header: hdr},
		run{kase: "panic", router: "gin", impl: "errkit", h: errkitGin("/payments/:id", panics), status: 500, body: body500, header: hdr},

		// Maintenance: middleware answers before the handler.
		run{kase: "503", router: "echov5", impl: "echo", h: echov5On("/payments/:id", noop, echoID, func(echov5.HandlerFunc) echov5.HandlerFunc {
			return func(c *echov5.Context) error { return v5Fail(c, contract503()) }
		}), status: 503, body: body503 + "\n", header: hdr503},
		run{kase: "503", router: "echov5", impl: "errkit", h: errkitEchov5("/payments/:id", succeed, inMaintenance()),
			status: 503, body: body503, header: hdr503},
		run{kase: "503", router: "gin", impl: "gin", h: ginOn("/payments/:id", ok, ginID, func(c *gin.Context) {
			ginFail(c, contract503())
		}), status: 503, body: body503, header: hdr503},
		run{kase: "503", router: "gin", impl: "errkit", h: errkitGin("/payments/:id", succeed, inMaintenance()),
			status: 503, body: body503, header: hdr503},

		// Rate limited: echo v5's RateLimiter, its deny handler answering
		// the contract's 429; for gin, a middleware asking the same store.
		run{kase: "429", router: "echov5", impl: "echo", h: echov5On("/payments/:id", noop, echoID,
			echov5middleware.RateLimiterWithConfig(echov5middleware.RateLimiterConfig{
				Store: denyStore5{},
				DenyHandler: func(c *echov5.Context, _ string, _ error) error {
					return v5Fail(c, contract429())
				},
			})), status: 429, body: body429 + "\n", header: hdr429},
		run{kase: "429", router: "echov5", impl: "errkit", h: errkitEchov5("/payments/:id", succeed, middleware.WithRateLimit(deny{})),
			status: 429, body: body429, header: hdr429},
		run{kase: "429", router: "gin", impl: "gin", h: ginOn("/payments/:id", ok, ginID, func(c *gin.Context) {
			if ok, _ := (denyStore5{}).Allow(c.ClientIP()); !ok {
				ginFail(c, contract429())
			}
		}), status: 429, body: body429, header: hdr429},
		run{kase: "429", router: "gin", impl: "errkit", h: errkitGin("/payments/:id", succeed, middleware.WithRateLimit(deny{})),
			status: 429, body: body429, header: hdr429},

		// The success path: bare, bare behind a request ID made in advance,
		// and behind the framework's own request-ID middleware.
		run{kase: "ok", router: "echov5", impl: "bare", h: echov5On("/payments/:id", okEcho), status: 200, body: string(paymentJSON)},
		run{kase: "ok", router: "echov5", impl: "bare-id", h: withID(echov5On("/payments/:id", okEcho)), status: 200, body: string(paymentJSON),
			header: map[string]string{"X-Request-Id": preID[0]}},
		run{kase: "ok", router: "echov5", impl: "echo", h: echov5On("/payments/:id", okEcho, echoID), status: 200, body: string(paymentJSON), header: hdr},
		run{kase: "ok", router: "echov5", impl: "errkit", h: errkitEchov5("/payments/:id", succeed), status: 200, body: string(paymentJSON), header: hdr},
		run{kase: "ok", router: "gin", impl: "bare", h: ginOn("/payments/:id", ok), status: 200, body: string(paymentJSON)},
		run{kase: "ok", router: "gin", impl: "bare-id", h: withID(ginOn("/payments/:id", ok)), status: 200, body: string(paymentJSON),
			header: map[string]string{"X-Request-Id": preID[0]}},
		run{kase: "ok", router: "gin", impl: "gin", h: ginOn("/payments/:id", ok, ginID), status: 200, body: string(paymentJSON), header: hdr},
		run{kase: "ok", router: "gin", impl: "errkit", h: errkitGin("/payments/:id", succeed), status: 200, body: string(paymentJSON), header: hdr},
	)
}

// incomingID gives the request a valid X-Request-Id, as a client or a
// proxy in front sends one: the set keeps it rather than make one, so that
// errkit-id runs measure the door without the cost of a new request ID
// (two allocations: its hex text and its header value).
func incomingID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header["X-Request-Id"] = preID
		next.ServeHTTP(w, r)
	})
}

func init() {
	var twins []run
	for _, r := range runs {
		if (r.router == "echov5" || r.router == "gin") && r.impl == "errkit" {
			r.impl = "errkit-id"
			r.h = incomingID(r.h)
			twins = append(twins, r)
		}
	}
	register(twins...)
}
