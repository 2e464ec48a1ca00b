// Package ginmw is the gin door of package middleware: gin middleware that
// answers every failure in the contract, once, after the chain.
//
// [Install] sets the whole set on a *gin.Engine in one call; [New] returns
// a [Set] whose pieces are usable alone. Handlers fail by returning an
// error through [Handler], or with c.Error; [Set.Errors] renders the last
// of c.Errors after the chain. gin's own answers never reach the client
// outside the contract: its plain-text 404 and 405 (with Allow), the bare
// statuses of c.AbortWithStatus and c.AbortWithError, and text/plain error
// bodies become the contract's body. [Classify] knows gin's binding errors
// (validator/v10's, with package ginvalidation for JSON paths) and falls
// back to [middleware.Classify], so every door answers alike.
package ginmw
