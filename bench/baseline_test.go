package bench

import (
	"io"
	"net/http"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/validation"
	"github.com/labstack/echo/v4"
)

// The floor and apierr.Render called directly, on echo: the least an
// error answer can cost, and errkit's renderer alone. echo's default error
// handler and huma v2 are in frameworks_test.go.

// Header values of the floor, made once like errkit's own.
var (
	hvJSON    = []string{apierr.Nexpay.ContentType()}
	hvNosniff = []string{"nosniff"}
	hvNoStore = []string{"no-store"}
	hvReqID   = []string{"01KAQ3M8ZP4V9W2XJ7N5RC6TB1"}
)

// floorHeaders sets the headers errkit sends with every error, a request
// ID and extra; a nil-safe copy of pre-made slices, no allocation.
func floorHeaders(h http.Header, extra http.Header) {
	h["Content-Type"] = hvJSON
	h["X-Content-Type-Options"] = hvNosniff
	h["Cache-Control"] = hvNoStore
	h["X-Request-Id"] = hvReqID
	for k, v := range extra {
		h[k] = v
	}
}

// floorEcho is an echo handler writing body, encoded in advance, with the
// headers errkit would send.
func floorEcho(status int, body string, extra http.Header) echo.HandlerFunc {
	b := []byte(body)
	return func(c echo.Context) error {
		res := c.Response()
		floorHeaders(res.Header(), extra)
		res.WriteHeader(status)
		_, err := res.Write(b)
		return err
	}
}

// floorMux is floorEcho for net/http.
func floorMux(status int, body string, extra http.Header) http.HandlerFunc {
	b := []byte(body)
	return func(w http.ResponseWriter, _ *http.Request) {
		floorHeaders(w.Header(), extra)
		w.WriteHeader(status)
		_, _ = w.Write(b)
	}
}

func newEcho() *echo.Echo {
	e := echo.New()
	e.Logger.SetOutput(io.Discard)
	e.HideBanner, e.HidePort = true, true
	return e
}

// echoOn returns an echo server answering GET path with h.
func echoOn(path string, h echo.HandlerFunc, mw ...echo.MiddlewareFunc) *echo.Echo {
	e := newEcho()
	e.Use(mw...)
	e.GET(path, h)
	return e
}

// A transfer with five invalid fields: the 400x5 case.
type transfer struct {
	Amount    string `json:"amount" validate:"required,amount=2"`
	Currency  string `json:"currency" validate:"required,iso4217"`
	IBAN      string `json:"iban" validate:"required,iban"`
	Country   string `json:"country" validate:"required,iso3166"`
	Reference string `json:"reference" validate:"required,max=16"`
}

var badTransfer = transfer{Amount: "-5.001", Currency: "XXY", IBAN: "DE00", Country: "ZZ", Reference: "far too long a reference"}

var validate = validation.New()

// renderEcho renders e with apierr.Render from inside an echo handler.
func renderEcho(c echo.Context, e *apierr.Error) error {
	return apierr.Render(c.Response(), c.Request(), apierr.Nexpay, e)
}

func init() {
	register(
		run{kase: "404", router: "echo", impl: "floor", h: echoOn("/payments/:id", floorEcho(404, body404, nil)),
			status: 404, body: body404},
		run{kase: "404", router: "echo", impl: "errkit-render", h: echoOn("/payments/:id", func(c echo.Context) error {
			return renderEcho(c, apierr.New(apierr.PAY0001))
		}), status: 404, body: body404},

		run{kase: "422", router: "echo", impl: "floor", h: echoOn("/quotes", floorEcho(422, body422, nil)),
			status: 422, body: body422},
		run{kase: "422", router: "echo", impl: "errkit-render", h: echoOn("/quotes", func(c echo.Context) error {
			return renderEcho(c, apierr.New(apierr.QOT0003).With("fromCurrency", "BRL").With("toCurrency", "USD"))
		}), status: 422, body: body422},

		run{kase: "400x5", router: "echo", impl: "floor", h: echoOn("/transfers", func(c echo.Context) error {
			_ = validate.Engine().Struct(&badTransfer)
			return floor400(c)
		}), status: 400, body: body400},
		run{kase: "400x5", router: "echo", impl: "errkit-render", h: echoOn("/transfers", func(c echo.Context) error {
			return renderEcho(c, validate.Validate(&badTransfer).(*apierr.ConditionError).In(apierr.Nexpay))
		}), status: 400, body: body400},
	)
}

var floor400 = floorEcho(400, body400, nil)
