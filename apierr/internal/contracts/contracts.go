// Package contracts ties each catalogue to the contract that renders its
// errors when they are marshalled without one: contract packages register
// through the kit, and package apierr reads it in Error.MarshalJSON.
package contracts

import "sync"

var byCatalogue sync.Map // catalogue → contract

// Register ties catalogue to contract, replacing an earlier contract.
func Register(catalogue, contract any) { byCatalogue.Store(catalogue, contract) }

// Of returns the contract tied to catalogue, or nil.
func Of(catalogue any) any {
	c, _ := byCatalogue.Load(catalogue)
	return c
}
