// Package echovalidation binds echo requests with the failures of package
// [validation]: every bad parameter or body value as a field error.
//
// Install [Binder] as echo's Binder; a [*validation.Validator] is already an
// echo.Validator:
//
//	e.Binder = echovalidation.NewBinder()
//	e.Validator = validation.New()
//
// A body that is not JSON is [apierr.UnsupportedMediaType] unless
// [Binder.AllowForm] or [Binder.AllowXML] says otherwise.
package echovalidation
