// Package echovalidation binds echo requests with the failures of package
// [validation]: every bad parameter or body value as a field error.
//
// Install [Binder] as echo's Binder; a [*validation.Validator] is already an
// echo.Validator:
//
//	e.Binder = echovalidation.NewBinder()
//	e.Validator = validation.New()
package echovalidation
