package sandbox

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/errkit/errkit/apierr"
)

// WriteJSON writes v as a JSON response of the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, err = w.Write(append(b, '\n'))
	return err
}

// ValidationAs returns a validation failure (an [*apierr.ConditionError]
// of [apierr.Validation]) as an error of code, with its field errors, so
// that a route may answer with its own code ([apierr.PYE0003] for payees).
// Other errors are returned as they are.
func ValidationAs(err error, code apierr.Code) error {
	ce, ok := errors.AsType[*apierr.ConditionError](err)
	if !ok || ce.Condition != apierr.Validation {
		return err
	}
	e := apierr.New(code).WithFields(ce.Fields...).WithCause(err)
	for _, d := range ce.Details {
		e.With(d.Key, d.Value)
	}
	return e
}

// Panic is the handler of GET /v2/debug/panic: it panics with a value whose
// text must never reach the client.
func Panic() { panic(PanicValue) }

// PanicValue is what [Panic] panics with; tests look for it in bodies.
const PanicValue = "sandbox: deliberate panic, secret=s3cr3t-do-not-leak"
