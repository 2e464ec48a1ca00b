package main

import (
	"testing"

	"github.com/errkit/errkit/examples/internal/e2e"
)

func TestQuickStart(t *testing.T) { e2e.QuickStart(t, newServer()) }
