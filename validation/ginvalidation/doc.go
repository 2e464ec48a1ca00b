// Package ginvalidation binds gin requests with the failures of package
// [validation]: every bad body value and every failed `binding:` rule as a
// field error named by its JSON path (items[0].amount), the same lists the
// other doors send.
//
// [Install] makes gin's own c.ShouldBindJSON (and c.BindJSON, c.ShouldBind
// of a JSON body) decode with [validation.DecodeJSON] and validate with a
// [Validator]; the gin door (package ginmw) renders what they fail with:
//
//	ginvalidation.Install(ginvalidation.New(), validation.MaxBytes(1<<20))
//
// gin keeps its binding and validator in package variables, so Install
// sets them for the whole program; [JSON] binds one call without it:
// c.ShouldBindWith(&req, ginvalidation.JSON{}).
package ginvalidation
