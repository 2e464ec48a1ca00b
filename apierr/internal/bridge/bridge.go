// Package bridge hands package apierr/kit the functions of package apierr
// that only contract authors, tooling and the middleware call, so that
// each keeps one implementation, in apierr, without being part of apierr's
// API. apierr sets them when it is initialised, which is before any code
// of kit (which imports apierr) runs; kit exports them with apierr's types.
// They are held as any because this package cannot name apierr's types.
package bridge

// AuthCode is func(apierr.Contract, apierr.AuthFailure) apierr.Code: the
// code a contract answers an authentication failure with.
var AuthCode any

// ConditionForStatus is func(status int) apierr.Condition: the condition
// an HTTP error status stands for.
var ConditionForStatus any

// AppendBody is func(dst []byte, c apierr.Contract, e *apierr.Error, m
// apierr.Meta) ([]byte, error): the body RenderMeta writes, appended.
var AppendBody any
