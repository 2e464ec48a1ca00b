// Package echomw is the echo v4 door of package middleware: an
// echo.HTTPErrorHandler and middleware that answer every failure in the contract.
//
// [Install] sets the whole set on an *echo.Echo in one call; [New] returns
// a [Set] whose pieces are usable alone, in echo's idioms: middleware
// returns errors and [Set.ErrorHandler] answers them, once. [Classify]
// knows echo's errors (router, binder, body limit, rate limiter) and falls
// back to [middleware.Classify], so both doors answer alike.
//
// HEAD is answered like GET by [HeadAsGet], a pre-middleware that [Install]
// sets and [Set.Handler] applies in front of echo: a HEAD with no route of
// its own is routed to the GET route, once, and its body dropped. The
// error handler marks a request it answered in echo's context store.
package echomw
