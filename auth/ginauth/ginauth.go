// Package ginauth is the gin door of package auth: signed requests and
// Basic credentials checked in gin middleware, failures left in c.Errors
// for package ginmw to answer.
package ginauth

import (
	"github.com/gin-gonic/gin"

	"github.com/errkit/errkit/auth"
)

// Middleware returns gin middleware running c (an [*auth.Verifier] or an
// [auth.Basic]): a request that passes reaches the handlers with the body
// read, intact, and the key in its context ([auth.KeyFrom]); a failure is
// recorded with gc.Error and the chain aborted, for ginmw's Set.Errors to
// answer in its contract, with the contract's code for the failure.
func Middleware(c auth.Checker) gin.HandlerFunc {
	return func(gc *gin.Context) {
		r, err := c.Verify(gc.Request)
		if err != nil {
			_ = gc.Error(err)
			gc.Abort()
			return
		}
		gc.Request = r
		gc.Next()
	}
}
