package openapi

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/getkin/kin-openapi/openapi3"
)

// variants are the shapes of error a handler returns for a code.
var variants = map[string]func(apierr.Code) *apierr.Error{
	"plain": apierr.New,
	"details": func(c apierr.Code) *apierr.Error {
		return apierr.New(c).With("fromCurrency", "BRL").With("amount", 12.5).With("count", 3).
			With("ok", true).With("none", nil).With("ids", []string{"a", "b"}).
			With("nested", map[string]any{"k": []any{1, "x"}})
	},
	"fields": func(c apierr.Code) *apierr.Error {
		return apierr.New(c).WithFields(
			apierr.FieldError{Field: "items[0].amount", Rule: "gt", Param: "0", Message: "amount must be greater than 0"},
			apierr.FieldError{Field: "currency", In: "query", Rule: "iso4217", Message: "currency must be an ISO 4217 code"},
			apierr.FieldError{Field: "X-Idempotency-Key", In: "header", Rule: "required", Message: "required"},
		).With("hint", "see fields")
	},
	"message": func(c apierr.Code) *apierr.Error {
		return apierr.New(c).Msg(`Payment "42" <b>not</b> found – ünïcode & more`)
	},
	"cause and retry": func(c apierr.Code) *apierr.Error {
		return apierr.Wrap(errors.New("dial tcp 10.0.0.1: secret"), c).WithRetryAfter(90 * time.Second)
	},
}

// server answers GET /{variant}/{id} with that error of the contract's
// catalogue, as a server of the package's users does.
func server(c apierr.Contract) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{variant}/{id}", func(w http.ResponseWriter, r *http.Request) {
		code, ok := c.Catalogue().Lookup(r.PathValue("id"))
		mk := variants[r.PathValue("variant")]
		if !ok || mk == nil {
			http.Error(w, "no such code", http.StatusTeapot)
			return
		}
		_ = apierr.Render(w, r, c, mk(code))
	})
	return mux
}

// TestLiveBodiesMatchSchema requests every code of the catalogue, in every
// variant, from a running server and validates each body against the body
// schema of both documents, and each status and header against the
// documented response.
func TestLiveBodiesMatchSchema(t *testing.T) {
	for _, c := range []apierr.Contract{apierr.Nexpay, acmeDescribed} {
		srv := httptest.NewServer(server(c))
		t.Cleanup(srv.Close)
		docs := map[Version]*genDoc{}
		for _, v := range versions {
			doc := mustDocument(t, c, v)
			body, _, err := schemasOf(c, v)
			if err != nil {
				t.Fatal(err)
			}
			docs[v] = &genDoc{doc.Components.Schemas[body].Value, doc}
		}
		n := 0
		for _, code := range c.Catalogue().Codes() {
			for name := range variants {
				resp, err := srv.Client().Get(srv.URL + "/" + strings.ReplaceAll(name, " ", "%20") + "/" + code.ID())
				if err != nil {
					t.Fatal(err)
				}
				data, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil {
					t.Fatal(err)
				}
				if resp.StatusCode != code.Status() {
					t.Fatalf("%s %s: status %d, want %d: %s", code, name, resp.StatusCode, code.Status(), data)
				}
				var body any
				if err := json.Unmarshal(data, &body); err != nil {
					t.Fatalf("%s %s: %v: %s", code, name, err, data)
				}
				if strings.Contains(string(data), "secret") {
					t.Errorf("%s %s: the cause leaked: %s", code, name, data)
				}
				mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
				for v, d := range docs {
					n++
					if err := visit(v, d.body, body); err != nil {
						t.Errorf("%s %s %s: %s\n%v", c.Name(), v, code, data, err)
					}
					r := d.doc.Components.Responses[ResponseName(c, resp.StatusCode)]
					if r == nil {
						t.Fatalf("%s: no response documented for %d", v, resp.StatusCode)
					}
					if r.Value.Content[mt] == nil {
						t.Errorf("%s %s: Content-Type %s is not documented", v, code, mt)
					}
					if r.Value.Content[mt].Examples[code.ID()] == nil {
						t.Errorf("%s: response %d does not show %s", v, resp.StatusCode, code)
					}
					if resp.Header.Get("Retry-After") != "" && r.Value.Headers["Retry-After"] == nil {
						if resp.StatusCode == 429 || resp.StatusCode == 503 {
							t.Errorf("%s: %d sends Retry-After, undocumented", v, resp.StatusCode)
						}
					}
				}
			}
		}
		if want := 2 * len(variants) * len(c.Catalogue().Codes()); n != want {
			t.Errorf("%s: %d bodies validated, want %d", c.Name(), n, want)
		}
	}
}

// genDoc is a generated document and its body schema.
type genDoc struct {
	body *openapi3.Schema
	doc  *openapi3.T
}
