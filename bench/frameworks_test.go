package bench

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humaecho"
	"github.com/labstack/echo/v4"
	echomiddleware "github.com/labstack/echo/v4/middleware"
)

// echo's default error handler and huma v2 answering the six failures with
// errkit's contract: the same status, headers (a request ID from echo's
// RequestID middleware) and body fields, each through the framework's own
// error path. Both run on echo, as errkit's echo set does.

var hvContentJSON = []string{contentJSON}

// echoFail answers b through echo's DefaultHTTPErrorHandler: the headers
// are set, in the least costly way, and b is the *echo.HTTPError's
// Message, which the handler encodes with c.JSON.
func echoFail(c echo.Context, b *errBody) error {
	h := c.Response().Header()
	for k, v := range b.header {
		h[k] = v
	}
	h["Content-Type"] = hvContentJSON
	return &echo.HTTPError{Code: b.StatusCode, Message: b}
}

// echoServer is echo with its RequestID middleware, then mw, answering GET
// path with h.
func echoServer(path string, h echo.HandlerFunc, mw ...echo.MiddlewareFunc) *echo.Echo {
	return echoOn(path, h, append([]echo.MiddlewareFunc{echomiddleware.RequestID()}, mw...)...)
}

// humaError is errBody as huma returns it: a huma.StatusError with its
// headers (huma.HeadersError) and errkit's Content-Type
// (huma.ContentTypeFilter).
type humaError struct{ errBody }

func (e *humaError) Error() string             { return e.Message }
func (e *humaError) GetStatus() int            { return e.StatusCode }
func (e *humaError) GetHeaders() http.Header   { return e.header }
func (e *humaError) ContentType(string) string { return contentJSON }
func asHuma(b *errBody) *humaError             { return &humaError{*b} }
func humaFail(b *errBody) (*struct{}, error)   { return nil, asHuma(b) }

// humaWrite answers b from a huma middleware, through huma.WriteErr.
// WriteErr makes its error with huma.NewError, which init lets pass a
// *humaError through unchanged, as huma's docs suggest for a custom error
// model.
func humaWrite(api huma.API, ctx huma.Context, b *errBody) {
	for k, v := range b.header {
		ctx.SetHeader(k, v[0])
	}
	_ = huma.WriteErr(api, ctx, b.StatusCode, b.Message, asHuma(b))
}

// humaServer is huma v2 on echo (huma.DefaultConfig) behind echo's
// RequestID middleware, with mw as huma middleware, the operations added
// by register.
func humaServer(register func(huma.API), mw ...func(huma.API) func(huma.Context, func(huma.Context))) *echo.Echo {
	e := newEcho()
	e.Use(echomiddleware.RequestID())
	api := humaecho.New(e, huma.DefaultConfig("bench", "1.0.0"))
	for _, m := range mw {
		api.UseMiddleware(m(api))
	}
	register(api)
	return e
}

type humaPayment struct {
	ID string `path:"id"`
}

func humaGetPayment(h func(context.Context, *humaPayment) (*struct{}, error)) func(huma.API) {
	return func(api huma.API) { huma.Get(api, "/payments/{id}", h) }
}

// denyStore is an echo rate limiter store that turns everyone away.
type denyStore struct{}

func (denyStore) Allow(string) (bool, error) { return false, nil }

func init() {
	newError := huma.NewError
	huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
		if len(errs) == 1 {
			if e, ok := errs[0].(*humaError); ok {
				return e
			}
		}
		return newError(status, msg, errs...)
	}

	hdr := map[string]string{"X-Request-Id": ""}
	hdr503 := map[string]string{"X-Request-Id": "", "Retry-After": "3600"}
	hdr429 := map[string]string{"X-Request-Id": ""}
	for k, v := range header429Want {
		hdr429[k] = v
	}
	noop := func(echo.Context) error { return nil }
	panics := func(echo.Context) error { panic("nil map") }

	register(
		run{kase: "404", router: "echo", impl: "echo", h: echoServer("/payments/:id", func(c echo.Context) error {
			return echoFail(c, contract404())
		}), status: 404, body: body404 + "\n", header: hdr},
		run{kase: "404", router: "echo", impl: "huma", h: humaServer(humaGetPayment(func(context.Context, *humaPayment) (*struct{}, error) {
			return humaFail(contract404())
		})), status: 404, body: body404 + "\n", header: hdr},

		run{kase: "422", router: "echo", impl: "echo", h: echoServer("/quotes", func(c echo.Context) error {
			return echoFail(c, contract422())
		}), status: 422, body: body422 + "\n", header: hdr},
		run{kase: "422", router: "echo", impl: "huma", h: humaServer(func(api huma.API) {
			huma.Get(api, "/quotes", func(context.Context, *struct{}) (*struct{}, error) {
				return humaFail(contract422())
			})
		}), status: 422, body: body422 + "\n", header: hdr},

		run{kase: "400x5", router: "echo", impl: "echo", h: echoServer("/transfers", func(c echo.Context) error {
			return echoFail(c, contract400(validate.Engine().Struct(&badTransfer)))
		}), status: 400, body: body400 + "\n", header: hdr},
		run{kase: "400x5", router: "echo", impl: "huma", h: humaServer(func(api huma.API) {
			huma.Get(api, "/transfers", func(context.Context, *struct{}) (*struct{}, error) {
				return humaFail(contract400(validate.Engine().Struct(&badTransfer)))
			})
		}), status: 400, body: body400 + "\n", header: hdr},

		// A handler that panics: echo's Recover, without printing a stack
		// (errkit's set captures one only when it logs), hands the
		// contract's 500 to the error handler; huma has no recover of its
		// own, so it is the least a huma middleware can do.
		run{kase: "panic", router: "echo", impl: "echo", h: echoServer("/payments/:id", panics,
			echomiddleware.RecoverWithConfig(echomiddleware.RecoverConfig{
				DisablePrintStack: true,
				LogErrorFunc: func(c echo.Context, _ error, _ []byte) error {
					return echoFail(c, contract500())
				},
			})), status: 500, body: body500 + "\n", header: hdr},
		run{kase: "panic", router: "echo", impl: "huma", h: humaServer(humaGetPayment(func(context.Context, *humaPayment) (*struct{}, error) {
			panic("nil map")
		}), func(api huma.API) func(huma.Context, func(huma.Context)) {
			return func(ctx huma.Context, next func(huma.Context)) {
				defer func() {
					if v := recover(); v != nil {
						humaWrite(api, ctx, contract500())
					}
				}()
				next(ctx)
			}
		}), status: 500, body: body500 + "\n", header: hdr},

		// Maintenance: middleware answers before the handler.
		run{kase: "503", router: "echo", impl: "echo", h: echoServer("/payments/:id", noop, func(echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error { return echoFail(c, contract503()) }
		}), status: 503, body: body503 + "\n", header: hdr503},
		run{kase: "503", router: "echo", impl: "huma", h: humaServer(humaGetPayment(func(context.Context, *humaPayment) (*struct{}, error) {
			return nil, nil
		}), func(api huma.API) func(huma.Context, func(huma.Context)) {
			return func(ctx huma.Context, _ func(huma.Context)) { humaWrite(api, ctx, contract503()) }
		}), status: 503, body: body503 + "\n", header: hdr503},

		// Rate limited: echo's RateLimiter, its deny handler answering the
		// contract's 429; for huma, a middleware asking the same store.
		run{kase: "429", router: "echo", impl: "echo", h: echoServer("/payments/:id", noop,
			echomiddleware.RateLimiterWithConfig(echomiddleware.RateLimiterConfig{
				Store: denyStore{},
				DenyHandler: func(c echo.Context, _ string, _ error) error {
					return echoFail(c, contract429())
				},
			})), status: 429, body: body429 + "\n", header: hdr429},
		run{kase: "429", router: "echo", impl: "huma", h: humaServer(humaGetPayment(func(context.Context, *humaPayment) (*struct{}, error) {
			return nil, nil
		}), func(api huma.API) func(huma.Context, func(huma.Context)) {
			return func(ctx huma.Context, next func(huma.Context)) {
				if ok, _ := (denyStore{}).Allow(ctx.RemoteAddr()); !ok {
					humaWrite(api, ctx, contract429())
					return
				}
				next(ctx)
			}
		}), status: 429, body: body429 + "\n", header: hdr429},
	)
}
