// Package middleware makes a net/http server answer every failure in an
// [apierr.Contract]: handler errors, panics, the router's 404/405, limits and
// maintenance all leave through one road, exactly once, never leaking a cause.
//
// [Wrap] installs the whole set around a handler (a Go 1.22 [http.ServeMux],
// a chi router, anything); [New] returns a [Set] whose pieces are usable
// alone as func(http.Handler) http.Handler. Handlers return errors through
// [HandlerFunc]; [Classify] decides what each error becomes, for this door
// and for the echo door (package echomw), which this package never imports.
package middleware
