package echoauth_test

import (
	"fmt"
	"log/slog"
	"net/http/httptest"

	"github.com/labstack/echo/v4"

	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/auth/echoauth"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echomw"
)

func ExampleMiddleware() {
	e := echo.New()
	echomw.Install(e, middleware.WithContract(nextapi.Contract), middleware.WithLogger(slog.New(slog.DiscardHandler)))
	basic := auth.Basic{Lookup: auth.StaticKeys(map[string]string{"client_1": "secret_1"})}
	api := e.Group("/v2", echoauth.Middleware(basic))
	api.GET("/accounts", func(c echo.Context) error { return c.String(200, "ok") })

	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", "/v2/accounts", nil))
	fmt.Println(rec.Code, rec.Body)
	// Output: 401 {"error":{"code":"UNAUTHORIZED","message":"Authorization header missing or malformed"}}
}
