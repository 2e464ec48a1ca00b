package ginauth_test

import (
	"fmt"
	"log/slog"
	"net/http/httptest"

	"github.com/gin-gonic/gin"

	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/auth/ginauth"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/ginmw"
)

func ExampleMiddleware() {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	ginmw.Install(e, middleware.WithContract(nextapi.Contract), middleware.WithLogger(slog.New(slog.DiscardHandler)))
	basic := auth.Basic{Lookup: auth.StaticKeys(map[string]string{"client_1": "secret_1"})}
	api := e.Group("/v2", ginauth.Middleware(basic))
	api.GET("/accounts", func(c *gin.Context) { c.String(200, "ok") })

	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", "/v2/accounts", nil))
	fmt.Println(rec.Code, rec.Body)
	// Output: 401 {"error":{"code":"UNAUTHORIZED","message":"Authorization header missing or malformed"}}
}
