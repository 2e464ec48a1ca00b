// Package echov5validation binds echo v5 requests with the failures of
// package [validation]: every bad parameter or body value as a field
// error, as package echovalidation does for echo v4.
//
// Install [Binder] as echo's Binder; a [*validation.Validator] is already an
// echo.Validator:
//
//	e := echo.NewWithConfig(echo.Config{
//		Binder:    echov5validation.NewBinder(),
//		Validator: validation.New(),
//	})
//
// A body that is not JSON is [apierr.UnsupportedMediaType] unless
// [Binder.AllowForm] or [Binder.AllowXML] says otherwise.
package echov5validation
