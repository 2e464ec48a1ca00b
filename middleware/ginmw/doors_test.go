package ginmw_test

import (
	"strings"
	"testing"

	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/ginmw"
	"github.com/errkit/errkit/middleware/internal/doortest"
	"github.com/gin-gonic/gin"
)

func init() { gin.SetMode(gin.ReleaseMode) }

func ginPath(p string) string {
	p = strings.ReplaceAll(p, "{id}", ":id")
	return strings.ReplaceAll(p, "{kind}", ":kind")
}

// newGin returns the table's API on gin, behind a set of opts.
func newGin(opts ...middleware.Option) (*gin.Engine, *ginmw.Set) {
	e := gin.New()
	s := ginmw.Install(e, opts...)
	for _, rt := range doortest.Routes() {
		fn := rt.Fn
		e.Handle(rt.Method, ginPath(rt.Path), ginmw.Handler(func(c *gin.Context) error {
			return fn(c.Writer, c.Request, c.Param)
		}))
	}
	return e, s
}

func TestDoors(t *testing.T) {
	e, _ := newGin(doortest.Quiet())
	doortest.Run(t, []doortest.Door{{Name: "net/http", H: doortest.Reference(doortest.Quiet())}, {Name: "gin", H: e}})
}
