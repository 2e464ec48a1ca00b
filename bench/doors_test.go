package bench

import (
	"io"
	"net/http"

	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echov5mw"
	"github.com/errkit/errkit/middleware/ginmw"
	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"
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

// nexpayBody is the contract's body as a gin handler builds it to answer
// with c.AbortWithStatusJSON: the same bytes errkit writes.
type nexpayBody struct {
	StatusCode int               `json:"statusCode"`
	Code       string            `json:"code"`
	Message    string            `json:"message"`
	Timestamp  string            `json:"timestamp"`
	Details    map[string]string `json:"details,omitempty"`
}

const stamp = "2026-01-15T10:30:00.000Z"

// body400gin is body400 as encoding/json writes a gin.H: the same members,
// keys sorted.
const body400gin = `{"code":"[GEN9002]","details":{"fields":[` +
	`{"field":"amount","message":"amount must be a positive decimal string","param":"2","rule":"amount"},` +
	`{"field":"currency","message":"currency must be an ISO 4217 currency code","rule":"iso4217"},` +
	`{"field":"iban","message":"iban must be a valid IBAN","rule":"iban"},` +
	`{"field":"country","message":"country must be an ISO 3166-1 alpha-2 country code","rule":"iso3166"},` +
	`{"field":"reference","message":"reference must be at most 16 characters long","param":"16","rule":"max"}]},` +
	`"message":"[GEN9002] Bad request","statusCode":400,"timestamp":"2026-01-15T10:30:00.000Z"}`

// abortJSON answers c as a gin user does without errkit: the headers
// errkit sends, and the body encoded by gin, on every request.
func abortJSON(c *gin.Context, status int, code, msg string, details map[string]string, extra http.Header) {
	h := c.Writer.Header()
	h["X-Content-Type-Options"] = hvNosniff
	h["Cache-Control"] = hvNoStore
	for k, v := range extra {
		h[k] = v
	}
	c.AbortWithStatusJSON(status, nexpayBody{StatusCode: status, Code: "[" + code + "]", Message: "[" + code + "] " + msg, Timestamp: stamp, Details: details})
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
	details422 := map[string]string{"fromCurrency": "BRL", "toCurrency": "USD"}
	ok := func(c *gin.Context) { c.Data(http.StatusOK, echov5.MIMEApplicationJSON, paymentJSON) }
	okEcho := func(c *echov5.Context) error { return c.JSONBlob(http.StatusOK, paymentJSON) }
	noop := func(*echov5.Context) error { return nil }
	panicGin := func(*gin.Context) { panic("nil map") }
	panicEcho := func(*echov5.Context) error { panic("nil map") }
	register(
		// 404
		run{kase: "404", router: "echov5", impl: "floor", h: echov5On("/payments/:id", floorEchov5(404, body404, nil)), status: 404, body: body404},
		run{kase: "404", router: "echov5", impl: "echo", h: echov5On("/payments/:id", func(*echov5.Context) error {
			return echov5.NewHTTPError(http.StatusNotFound, "Payment not found")
		}), status: 404, body: `{"message":"Payment not found"}` + "\n"},
		run{kase: "404", router: "echov5", impl: "errkit", h: errkitEchov5("/payments/:id", fail404), status: 404, body: body404,
			header: map[string]string{"X-Request-Id": ""}},
		run{kase: "404", router: "gin", impl: "floor", h: ginOn("/payments/:id", floorGin(404, body404, nil)), status: 404, body: body404},
		run{kase: "404", router: "gin", impl: "gin", h: ginOn("/payments/:id", func(c *gin.Context) {
			abortJSON(c, 404, "PAY0001", "Payment not found", nil, nil)
		}), status: 404, body: body404},
		run{kase: "404", router: "gin", impl: "errkit", h: errkitGin("/payments/:id", fail404), status: 404, body: body404,
			header: map[string]string{"X-Request-Id": ""}},

		// 422
		run{kase: "422", router: "echov5", impl: "floor", h: echov5On("/quotes", floorEchov5(422, body422, nil)), status: 422, body: body422},
		run{kase: "422", router: "echov5", impl: "echo", h: echov5On("/quotes", func(*echov5.Context) error {
			return echov5.NewHTTPError(http.StatusUnprocessableEntity, "Currency pair unavailable")
		}), status: 422},
		run{kase: "422", router: "echov5", impl: "errkit", h: errkitEchov5("/quotes", fail422), status: 422, body: body422},
		run{kase: "422", router: "gin", impl: "floor", h: ginOn("/quotes", floorGin(422, body422, nil)), status: 422, body: body422},
		run{kase: "422", router: "gin", impl: "gin", h: ginOn("/quotes", func(c *gin.Context) {
			abortJSON(c, 422, "QOT0003", "Currency pair unavailable", details422, nil)
		}), status: 422, body: body422},
		run{kase: "422", router: "gin", impl: "errkit", h: errkitGin("/quotes", fail422), status: 422, body: body422},

		// 400x5
		run{kase: "400x5", router: "echov5", impl: "floor", h: echov5On("/transfers", func(c *echov5.Context) error {
			_ = validate.Engine().Struct(&badTransfer)
			return floorEchov5(400, body400, nil)(c)
		}), status: 400, body: body400},
		run{kase: "400x5", router: "echov5", impl: "echo", h: echov5On("/transfers", func(*echov5.Context) error {
			return echov5.NewHTTPError(http.StatusBadRequest, validate.Engine().Struct(&badTransfer).Error())
		}), status: 400},
		run{kase: "400x5", router: "echov5", impl: "errkit", h: errkitEchov5("/transfers", fail400), status: 400, body: body400},
		run{kase: "400x5", router: "gin", impl: "floor", h: ginOn("/transfers", func(c *gin.Context) {
			_ = validate.Engine().Struct(&badTransfer)
			floorGin(400, body400, nil)(c)
		}), status: 400, body: body400},
		run{kase: "400x5", router: "gin", impl: "gin", h: ginOn("/transfers", func(c *gin.Context) {
			err := validate.Engine().Struct(&badTransfer)
			c.Writer.Header()["X-Content-Type-Options"] = hvNosniff
			c.Writer.Header()["Cache-Control"] = hvNoStore
			c.AbortWithStatusJSON(400, gin.H{"statusCode": 400, "code": "[GEN9002]", "message": "[GEN9002] Bad request",
				"timestamp": stamp, "details": gin.H{"fields": validationFields(err)}})
		}), status: 400, body: body400gin},
		run{kase: "400x5", router: "gin", impl: "errkit", h: errkitGin("/transfers", fail400), status: 400, body: body400},

		// A handler that panics.
		run{kase: "panic", router: "echov5", impl: "echo", h: echov5On("/payments/:id", panicEcho, echov5middleware.Recover()),
			status: 500, body: `{"message":"Internal Server Error"}` + "\n"},
		run{kase: "panic", router: "echov5", impl: "errkit", h: errkitEchov5("/payments/:id", panics), status: 500, body: body500},
		run{kase: "panic", router: "gin", impl: "gin", h: ginOn("/payments/:id", panicGin, gin.CustomRecovery(func(c *gin.Context, _ any) {
			abortJSON(c, 500, "GEN9001", "Internal server error", nil, nil)
		})), status: 500, body: body500},
		run{kase: "panic", router: "gin", impl: "errkit", h: errkitGin("/payments/:id", panics), status: 500, body: body500},

		// Maintenance: middleware answers before the handler.
		run{kase: "503", router: "echov5", impl: "echo", h: echov5On("/payments/:id", noop, func(echov5.HandlerFunc) echov5.HandlerFunc {
			return func(c *echov5.Context) error {
				c.Response().Header()["Retry-After"] = header503["Retry-After"]
				return echov5.NewHTTPError(http.StatusServiceUnavailable, "Service is under maintenance. Please try again later.")
			}
		}), status: 503, header: map[string]string{"Retry-After": "3600"}},
		run{kase: "503", router: "echov5", impl: "errkit", h: errkitEchov5("/payments/:id", succeed, inMaintenance()),
			status: 503, body: body503, header: map[string]string{"Retry-After": "3600"}},
		run{kase: "503", router: "gin", impl: "gin", h: ginOn("/payments/:id", ok, func(c *gin.Context) {
			abortJSON(c, 503, "GEN9013", "Service is under maintenance. Please try again later.", nil, header503)
		}), status: 503, body: body503, header: map[string]string{"Retry-After": "3600"}},
		run{kase: "503", router: "gin", impl: "errkit", h: errkitGin("/payments/:id", succeed, inMaintenance()),
			status: 503, body: body503, header: map[string]string{"Retry-After": "3600"}},

		// Rate limited: middleware answers before the handler.
		run{kase: "429", router: "echov5", impl: "echo", h: echov5On("/payments/:id", noop, echov5middleware.RateLimiter(denyStore5{})),
			status: 429},
		run{kase: "429", router: "echov5", impl: "errkit", h: errkitEchov5("/payments/:id", succeed, middleware.WithRateLimit(deny{})),
			status: 429, body: body429, header: header429Want},
		run{kase: "429", router: "gin", impl: "gin", h: ginOn("/payments/:id", ok, func(c *gin.Context) {
			abortJSON(c, 429, "GEN9429", "Too many requests", nil, header429)
		}), status: 429, body: body429, header: map[string]string{"Retry-After": "1", "RateLimit-Limit": "200"}},
		run{kase: "429", router: "gin", impl: "errkit", h: errkitGin("/payments/:id", succeed, middleware.WithRateLimit(deny{})),
			status: 429, body: body429, header: header429Want},

		// The success path.
		run{kase: "ok", router: "echov5", impl: "bare", h: echov5On("/payments/:id", okEcho), status: 200, body: string(paymentJSON)},
		run{kase: "ok", router: "echov5", impl: "bare-id", h: withID(echov5On("/payments/:id", okEcho)), status: 200, body: string(paymentJSON),
			header: map[string]string{"X-Request-Id": preID[0]}},
		run{kase: "ok", router: "echov5", impl: "errkit", h: errkitEchov5("/payments/:id", succeed), status: 200, body: string(paymentJSON),
			header: map[string]string{"X-Request-Id": ""}},
		run{kase: "ok", router: "gin", impl: "bare", h: ginOn("/payments/:id", ok), status: 200, body: string(paymentJSON)},
		run{kase: "ok", router: "gin", impl: "bare-id", h: withID(ginOn("/payments/:id", ok)), status: 200, body: string(paymentJSON),
			header: map[string]string{"X-Request-Id": preID[0]}},
		run{kase: "ok", router: "gin", impl: "errkit", h: errkitGin("/payments/:id", succeed), status: 200, body: string(paymentJSON),
			header: map[string]string{"X-Request-Id": ""}},
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

// validationFields is the field list a gin user builds by hand from
// validator/v10's errors, with the messages errkit sends, for the same
// body.
func validationFields(err error) []gin.H {
	ve, _ := err.(validator.ValidationErrors)
	fields := make([]gin.H, 0, len(ve))
	for _, fe := range ve {
		name := fe.Field()
		var msg string
		switch fe.Tag() {
		case "amount":
			msg = name + " must be a positive decimal string"
		case "iso4217":
			msg = name + " must be an ISO 4217 currency code"
		case "iban":
			msg = name + " must be a valid IBAN"
		case "iso3166":
			msg = name + " must be an ISO 3166-1 alpha-2 country code"
		case "max":
			msg = name + " must be at most " + fe.Param() + " characters long"
		}
		f := gin.H{"field": name, "rule": fe.Tag(), "message": msg}
		if fe.Param() != "" {
			f["param"] = fe.Param()
		}
		fields = append(fields, f)
	}
	return fields
}
