package middleware

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/errkit/errkit/apierr"
)

// A PanicError is a panic recovered from a handler. Its value and stack go
// to the log; the client gets the contract's 500, whatever the value (it
// does not unwrap: a panic is a bug, even with an *apierr.Error).
type PanicError struct {
	Value any    // the value passed to panic
	Stack []byte // the goroutine's stack where it panicked
}

// Error returns "panic: " and the value.
func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// Recovered returns the error a recovered panic value v is answered with:
// a [*PanicError] carrying v and the stack, as an Internal failure whatever
// v is (a panic with an *apierr.Error is still a bug). v must not be
// [http.ErrAbortHandler]: that one is re-panicked.
func Recovered(v any) error {
	return newRecovered(v, debug.Stack())
}

// recoveredPanic is the condition a panic is answered with and its cause,
// allocated together: with the error the condition becomes (see
// [apierr.ConditionError.In]), a panic costs one allocation.
type recoveredPanic struct {
	ce apierr.ConditionError
	pe PanicError
}

func newRecovered(v any, stack []byte) *apierr.ConditionError {
	p := &recoveredPanic{pe: PanicError{Value: v, Stack: stack}}
	p.ce.Condition = apierr.Internal
	p.ce.Cause = &p.pe
	return &p.ce
}

// recovered is [Recovered] for s: the stack, the costly part, is captured
// only when it has a consumer, the metrics hook or an enabled log record
// (at error level, a panic's, or the client level, should a classifier
// answer it with a 4xx). Without one the PanicError has no stack.
func (s *Set) recovered(r *http.Request, v any) error {
	var stack []byte
	if s.metrics != nil || s.wantsStack(r) {
		stack = debug.Stack()
	}
	return newRecovered(v, stack)
}

func (s *Set) wantsStack(r *http.Request) bool {
	l := s.log()
	ctx := r.Context()
	return l.Enabled(ctx, slog.LevelError) || l.Enabled(ctx, s.clientLevel)
}

// Catch calls f and returns its error or, when f panics, the error the
// panic is answered with: a [*PanicError] carrying the value, and the
// stack when the set will log or report it, as an [apierr.Internal]
// failure. [http.ErrAbortHandler] is re-panicked, as net/http expects.
// [Set.Recover] and the echo door's recover both run through it.
func (s *Set) Catch(r *http.Request, f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			err = s.recovered(r, v)
		}
	}()
	return f()
}

// Recover answers a panicking handler with the contract's 500 and logs the
// panic value and stack; the server keeps serving. [http.ErrAbortHandler]
// is re-panicked, as net/http expects. A panic after the response was
// committed is logged only.
func (s *Set) Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ww, prev, owned := enter(w, r, s)
		defer leave(ww, prev, owned)
		err := s.Catch(r, func() error {
			next.ServeHTTP(ww, r)
			return nil
		})
		if err != nil {
			s.Respond(ww, r, err)
		}
	})
}
