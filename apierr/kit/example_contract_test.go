package kit_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/contracttest"
	"github.com/errkit/errkit/apierr/kit"
)

// acme is a whole contract, for an API whose errors read
// {"error":"NOT_FOUND","detail":"Payment not found","details":{...}}.
type acme struct{}

var (
	acmeCatalogue = apierr.NewCatalogue("acme", nil)
	acmeInvalid   = acmeCatalogue.MustRegister(apierr.Spec{ID: "INVALID", Status: 400, Message: "Invalid request"})
	acmeNotFound  = acmeCatalogue.MustRegister(apierr.Spec{ID: "NOT_FOUND", Status: 404, Message: "Not found"})
	acmeInternal  = acmeCatalogue.MustRegister(apierr.Spec{ID: "INTERNAL", Status: 500, Message: "Internal error"})
	acmeCodes     = kit.Conditions{apierr.Internal: acmeInternal, apierr.BadRequest: acmeInvalid, apierr.Validation: acmeInvalid, apierr.NotFound: acmeNotFound}
)

func (acme) Name() string                           { return "acme" }
func (acme) ContentType() string                    { return kit.JSONContentType }
func (acme) Catalogue() *apierr.Catalogue           { return acmeCatalogue }
func (acme) Code(cond apierr.Condition) apierr.Code { return acmeCodes.Code(cond) }

func (acme) AppendBody(dst []byte, b apierr.Body) ([]byte, error) {
	dst = append(dst, `{"error":`...)
	dst = kit.AppendString(dst, b.ID)
	dst = append(dst, `,"detail":`...)
	dst = kit.AppendString(dst, b.Message)
	if len(b.Details) > 0 || len(b.Fields) > 0 {
		var err error
		if dst, err = b.AppendDetails(append(dst, `,"details":`...)); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}

func (c acme) Parse(status int, body []byte) (*apierr.Error, error) {
	obj, err := kit.ParseObject(c.Name(), status, body)
	if err != nil {
		return nil, err
	}
	var b struct {
		Error, Detail string
		Details       json.RawMessage
	}
	if err := json.Unmarshal(obj, &b); err != nil || b.Error == "" {
		return nil, kit.NewParseError(c.Name(), status, body, fmt.Errorf("no error code (%v)", err))
	}
	details, fields, err := kit.DecodeDetails(b.Details)
	if err != nil {
		return nil, kit.NewParseError(c.Name(), status, body, err)
	}
	e := acmeCatalogue.Unregistered(apierr.Spec{ID: b.Error, Status: status, Message: b.Detail})
	if code, ok := acmeCatalogue.Lookup(b.Error); ok {
		e = apierr.New(code)
		if b.Detail != code.Message() {
			e.Msg(b.Detail)
		}
	} else if status == 0 {
		return nil, kit.NewParseError(c.Name(), status, body, errors.New("unknown code and no status"))
	}
	for _, d := range details {
		e.With(d.Key, d.Value)
	}
	return e.WithFields(fields...), nil
}

// A contract is about fifty lines: its catalogue, the code for each
// condition, an AppendBody that writes the values Render resolved, and a
// Parse that reads them back.
func Example() {
	rec := httptest.NewRecorder()
	_ = apierr.Render(rec, httptest.NewRequest("GET", "/payments/7", nil), acme{}, apierr.New(apierr.PAY0001).With("paymentId", "7"))
	fmt.Println(rec.Code, rec.Body)
	e, _ := acme{}.Parse(rec.Code, rec.Body.Bytes())
	fmt.Println(errors.Is(e, acmeNotFound), e.Text())
	// Output:
	// 404 {"error":"NOT_FOUND","detail":"Payment not found","details":{"paymentId":"7"}}
	// true Payment not found
}

// The example contract keeps every promise contracttest checks.
func TestExampleContract(t *testing.T) { contracttest.Run(t, acme{}, contracttest.Options{}) }
