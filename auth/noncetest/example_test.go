package noncetest_test

import (
	"testing"

	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/auth/noncetest"
)

// The memory store passes; replicas of it share one value, as a fleet's
// share one backend.
func TestMemoryNonces(t *testing.T) {
	stores := map[string]*auth.MemoryNonces{}
	noncetest.Run(t, func(t *testing.T, prefix string) auth.NonceStore {
		if s, ok := stores[prefix]; ok {
			return s
		}
		stores[prefix] = new(auth.MemoryNonces)
		return stores[prefix]
	})
}

func ExampleRun() {
	// In a store's tests:
	//
	//	func TestStore(t *testing.T) {
	//		noncetest.Run(t, func(t *testing.T, prefix string) auth.NonceStore {
	//			return mystore.New(client, prefix)
	//		})
	//	}
}
