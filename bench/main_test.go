package bench

import (
	"os"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
)

func TestMain(m *testing.M) {
	restore := apierr.SetClock(func() time.Time { return now })
	clock = func() time.Time { return now }
	code := m.Run()
	restore()
	os.Exit(code)
}
