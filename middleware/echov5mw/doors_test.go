package echov5mw_test

import (
	"strings"
	"testing"

	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echov5mw"
	"github.com/errkit/errkit/middleware/internal/doortest"
	"github.com/labstack/echo/v5"
)

func echoPath(p string) string {
	p = strings.ReplaceAll(p, "{id}", ":id")
	return strings.ReplaceAll(p, "{kind}", ":kind")
}

// newEcho returns the table's API on echo v5, behind a set of opts.
func newEcho(opts ...middleware.Option) (*echo.Echo, *echov5mw.Set) {
	s := echov5mw.New(opts...)
	e := s.NewEcho(echo.Config{})
	for _, rt := range doortest.Routes() {
		fn := rt.Fn
		e.Add(rt.Method, echoPath(rt.Path), func(c *echo.Context) error {
			return fn(c.Response(), c.Request(), c.Param)
		})
	}
	return e, s
}

func TestDoors(t *testing.T) {
	e, _ := newEcho(doortest.Quiet())
	doortest.Run(t, []doortest.Door{{Name: "net/http", H: doortest.Reference(doortest.Quiet())}, {Name: "echo v5", H: e}})
}
