// Package recovery lets the echo door recover panics as its
// [middleware.Set] would, without widening the exported API.
package recovery

import "net/http"

// Recovered is set by package middleware: the error set (a
// *middleware.Set) answers the panic value v of request r with; the stack
// is captured only when the set will log or report it.
var Recovered func(set any, r *http.Request, v any) error
