// Package echov5mw is the echo v5 door of package middleware: an
// echo.HTTPErrorHandler and middleware that answer every failure in the
// contract, as package echomw does for echo v4.
//
// [Set.NewEcho] builds an *echo.Echo with the whole set in one call, its
// router serving HEAD by the GET routes; [Install] sets the set on an echo
// built otherwise. Middleware returns errors and [Set.ErrorHandler] answers
// them, once. [Classify] knows echo v5's errors (router, binder, body
// limit, rate limiter) and falls back to [middleware.Classify], so every
// door answers alike.
package echov5mw
