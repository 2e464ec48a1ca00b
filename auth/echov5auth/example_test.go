package echov5auth_test

import (
	"fmt"
	"log/slog"
	"net/http/httptest"

	"github.com/labstack/echo/v5"

	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/auth/echov5auth"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echov5mw"
)

func ExampleMiddleware() {
	e := echo.New()
	echov5mw.Install(e, middleware.WithContract(nextapi.Contract), middleware.WithLogger(slog.New(slog.DiscardHandler)))
	basic := auth.Basic{Lookup: auth.StaticKeys(map[string]string{"client_1": "secret_1"})}
	api := e.Group("/v2", echov5auth.Middleware(basic))
	api.GET("/accounts", func(c *echo.Context) error { return c.String(200, "ok") })

	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/v2/accounts", nil)
	r.SetBasicAuth("client_1", "guess")
	e.ServeHTTP(rec, r)
	fmt.Println(rec.Code, rec.Body)
	// Output: 401 {"error":{"code":"INVALID_CREDENTIALS","message":"Client ID or Client Secret is incorrect"}}
}
