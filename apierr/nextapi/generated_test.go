package nextapi

import (
	"testing"

	"github.com/errkit/errkit/internal/gencodes"
)

// codes_gen.go is what go generate makes of codes.txt.
func TestGeneratedIsCurrent(t *testing.T) { gencodes.Check(t, "codes.txt", "codes_gen.go") }
