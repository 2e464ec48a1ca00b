// Package echoauth is the echo v4 door of package auth: signed requests
// and Basic credentials checked in echo middleware, failures returned to
// the server's HTTPErrorHandler.
package echoauth

import (
	"github.com/labstack/echo/v4"

	"github.com/errkit/errkit/auth"
)

// Middleware returns echo middleware running c (an [*auth.Verifier] or an
// [auth.Basic]): a request that passes reaches the handler with the body
// read, intact, and the key in its context ([auth.KeyFrom]); a failure is
// returned, for the HTTPErrorHandler to answer. The error handler of
// package echomw answers it in its contract, with the contract's code for
// the failure; echo's default one knows nothing of it and answers 500.
func Middleware(c auth.Checker) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(ec echo.Context) error {
			r, err := c.Verify(ec.Request())
			if err != nil {
				return err
			}
			ec.SetRequest(r)
			return next(ec)
		}
	}
}
