package main

import (
	"testing"

	"github.com/errkit/errkit/examples/internal/e2e"
)

// TestEndToEnd builds this server and runs the sandbox's end-to-end suite
// against the binary.
func TestEndToEnd(t *testing.T) { e2e.Run(t, ".") }
