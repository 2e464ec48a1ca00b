// Package ginidempotency is the gin door of the idempotency middleware:
// repeated Idempotency-Keys answered per contract, for gin servers.
//
// It answers the errors of the handlers after it inside the capture, with
// the gin door's [ginmw.Set.Errors], so that an error is stored and
// replayed like any other response.
package ginidempotency

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/errkit/errkit/middleware/ginmw"
	"github.com/errkit/errkit/middleware/idempotency"
)

// New returns gin middleware for cfg (see [idempotency.Config]) answering
// in s's contract, or an error if cfg is invalid.
func New(s *ginmw.Set, cfg idempotency.Config) (gin.HandlerFunc, error) {
	m, err := idempotency.New(cfg)
	if err != nil {
		return nil, err
	}
	return Middleware(s, m), nil
}

// Middleware returns gin middleware running m. A request m does not cover
// goes straight on at no cost. For one it covers, the handlers after it
// run against a response that m captures, and s answers their failures
// there (see [ginmw.Set.Errors]), so that c.Errors is empty afterwards.
// m's own failures (a key in progress or reused, a malformed key) are
// recorded with c.Error, the chain aborted, for s's middleware to answer.
func Middleware(s *ginmw.Set, m *idempotency.Middleware) gin.HandlerFunc {
	return func(c *gin.Context) {
		r := c.Request
		if !m.Covers(r) {
			c.Next()
			return
		}
		outer := c.Writer
		err := m.ServeError(outer, r, func(w http.ResponseWriter, r *http.Request) {
			c.Request = r
			c.Writer = &writer{ResponseWriter: w, status: http.StatusOK, size: -1}
			defer func() { c.Writer = outer }()
			s.Errors(c)
			c.Writer.WriteHeaderNow()
			c.Errors = c.Errors[:0]
		})
		c.Request = r
		c.Abort() // the handlers ran in the capture, or the answer is a replay
		if err != nil {
			_ = c.Error(err)
		}
	}
}
