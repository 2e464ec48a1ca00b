package openapi

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/getkin/kin-openapi/openapi3"
	"golang.org/x/time/rate"
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
// catalogue, behind the middleware, as a server of the package's users does.
func server(c apierr.Contract) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /{variant}/{id}", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		code, ok := c.Catalogue().Lookup(r.PathValue("id"))
		mk := variants[r.PathValue("variant")]
		if !ok || mk == nil {
			return errors.New("no such code")
		}
		return mk(code)
	}))
	return middleware.Wrap(mux, middleware.WithContract(c), middleware.WithLogger(slog.New(slog.DiscardHandler)))
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
					checkHeaders(t, string(v), resp, r.Value, "X-Request-Id")
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

// TestLiveRouteErrors checks the answers the server gives before any
// handler runs, unknown route and wrong method, match the documents too.
func TestLiveRouteErrors(t *testing.T) {
	for _, c := range []apierr.Contract{apierr.Nexpay, acmeDescribed} {
		srv := httptest.NewServer(server(c))
		t.Cleanup(srv.Close)
		for _, req := range []struct{ method, path string }{{"GET", "/no/such/route"}, {"POST", "/plain/x"}, {"DELETE", "/plain/x"}} {
			r, _ := http.NewRequest(req.method, srv.URL+req.path, nil)
			resp, err := srv.Client().Do(r)
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var body any
			if err := json.Unmarshal(data, &body); err != nil {
				t.Fatalf("%s %s: %v: %s", req.method, req.path, err, data)
			}
			for _, v := range versions {
				doc := mustDocument(t, c, v)
				name, _, _ := schemasOf(c, v)
				if err := visit(v, doc.Components.Schemas[name].Value, body); err != nil {
					t.Errorf("%s %s %s %s: %s\n%v", c.Name(), v, req.method, req.path, data, err)
				}
				rr := doc.Components.Responses[ResponseName(c, resp.StatusCode)]
				if rr == nil {
					t.Fatalf("%s: %s %s answered %d, undocumented", v, req.method, req.path, resp.StatusCode)
				}
				if resp.Header.Get("Allow") != "" && resp.StatusCode == http.StatusMethodNotAllowed && rr.Value.Headers["Allow"] == nil {
					t.Errorf("%s: 405 sends Allow, undocumented", v)
				}
				checkHeaders(t, string(v), resp, rr.Value, "X-Request-Id")
			}
		}
	}
}

// TestLiveMaintenanceAndRateLimit checks the middleware's own 503 and 429
// match the documents, Retry-After included.
func TestLiveMaintenanceAndRateLimit(t *testing.T) {
	h := middleware.HandlerFunc(func(http.ResponseWriter, *http.Request) error { return nil })
	quiet := middleware.WithLogger(slog.New(slog.DiscardHandler))
	maint := middleware.New(quiet)
	maint.Switch().OnFor(time.Hour)
	limited := middleware.New(quiet, middleware.WithRateLimit(middleware.NewTokenBucket(rate.Every(time.Hour), 1, 16)))
	for name, tt := range map[string]struct {
		h      http.Handler
		status int
	}{"maintenance": {maint.Wrap(h), 503}, "rate limit": {limited.Wrap(h), 429}} {
		srv := httptest.NewServer(tt.h)
		var resp *http.Response
		for range 3 {
			r, err := srv.Client().Get(srv.URL + "/v2/payments")
			if err != nil {
				t.Fatal(err)
			}
			if resp = r; r.StatusCode == tt.status {
				break
			}
			r.Body.Close()
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		srv.Close()
		if resp.StatusCode != tt.status || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("%s: status %d, Retry-After %q", name, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		body := decode(t, string(data))
		for _, v := range versions {
			doc := mustDocument(t, apierr.Nexpay, v)
			if err := visit(v, doc.Components.Schemas["NexpayError"].Value, body); err != nil {
				t.Errorf("%s %s: %s\n%v", name, v, data, err)
			}
			checkHeaders(t, name+" "+string(v), resp, doc.Components.Responses[ResponseName(apierr.Nexpay, tt.status)].Value,
				"Retry-After", "X-Request-Id", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")
		}
	}
}

// checkHeaders fails for each of names that resp carries and r does not
// document; the names are those the documents promise to cover.
func checkHeaders(t *testing.T, what string, resp *http.Response, r *openapi3.Response, names ...string) {
	t.Helper()
	for _, h := range names {
		if resp.Header.Get(h) != "" && r.Headers[h] == nil {
			t.Errorf("%s: %d sends %s, undocumented", what, resp.StatusCode, h)
		}
	}
}
