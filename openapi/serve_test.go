package openapi_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/openapi"
	"github.com/labstack/echo/v4"
)

func servedDoc(t *testing.T) *openapi.DocHandler {
	t.Helper()
	doc, err := openapi.Document(apierr.Nexpay, openapi.V31)
	if err != nil {
		t.Fatal(err)
	}
	h, err := openapi.Handler(doc)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// doors mounts the handler at /openapi.json, /openapi.yaml and /openapi on
// each door, through its real router.
func doors(t *testing.T, h http.Handler) map[string]*httptest.Server {
	mux := http.NewServeMux()
	mux.Handle("/openapi.json", h)
	mux.Handle("/openapi.yaml", h)
	mux.Handle("/openapi", h)
	std := httptest.NewServer(middleware.Wrap(mux))
	t.Cleanup(std.Close)

	e := echo.New()
	for _, p := range []string{"/openapi.json", "/openapi.yaml", "/openapi"} {
		e.Match([]string{http.MethodGet, http.MethodHead}, p, echo.WrapHandler(h))
	}
	ech := httptest.NewServer(e)
	t.Cleanup(ech.Close)
	return map[string]*httptest.Server{"net/http": std, "echo": ech}
}

func get(t *testing.T, method, url string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Add(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func TestHandler(t *testing.T) {
	h := servedDoc(t)
	if bytes.Equal(h.JSON(), h.YAML()) || !bytes.HasPrefix(h.JSON(), []byte("{\n")) || !bytes.HasPrefix(h.YAML(), []byte("openapi: 3.1.0\n")) {
		t.Fatal("JSON and YAML renditions are not what Marshal writes")
	}
	for door, srv := range doors(t, h) {
		t.Run(door, func(t *testing.T) {
			resp, body := get(t, "GET", srv.URL+"/openapi.json")
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != openapi.JSONContentType || !bytes.Equal(body, h.JSON()) {
				t.Fatalf("GET /openapi.json: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			etagJSON := resp.Header.Get("ETag")
			resp, body = get(t, "GET", srv.URL+"/openapi.yaml")
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != openapi.YAMLContentType || !bytes.Equal(body, h.YAML()) {
				t.Fatalf("GET /openapi.yaml: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			etagYAML := resp.Header.Get("ETag")
			if etagJSON == "" || etagYAML == "" || etagJSON == etagYAML {
				t.Fatalf("ETags %q and %q", etagJSON, etagYAML)
			}
			// Revalidation: the format's own tag, weak or in a list, or *.
			for _, inm := range []string{etagJSON, "W/" + etagJSON, `"other", ` + etagJSON, "*"} {
				resp, body = get(t, "GET", srv.URL+"/openapi.json", "If-None-Match", inm)
				if resp.StatusCode != http.StatusNotModified || len(body) != 0 || resp.Header.Get("ETag") != etagJSON {
					t.Errorf("If-None-Match %s: %d, %d bytes", inm, resp.StatusCode, len(body))
				}
			}
			resp, _ = get(t, "GET", srv.URL+"/openapi.json", "If-None-Match", etagYAML)
			if resp.StatusCode != 200 {
				t.Errorf("the YAML tag revalidated the JSON document: %d", resp.StatusCode)
			}
			resp, body = get(t, "HEAD", srv.URL+"/openapi.yaml")
			if resp.StatusCode != 200 || len(body) != 0 || resp.Header.Get("ETag") != etagYAML {
				t.Errorf("HEAD: %d, %d bytes", resp.StatusCode, len(body))
			}
			// Without an extension, Accept chooses.
			resp, body = get(t, "GET", srv.URL+"/openapi", "Accept", "application/yaml")
			if !bytes.Equal(body, h.YAML()) || resp.Header.Get("Vary") != "Accept" {
				t.Errorf("Accept: application/yaml gave %q", resp.Header.Get("Content-Type"))
			}
			if _, body = get(t, "GET", srv.URL+"/openapi", "Accept", "text/html, */*"); !bytes.Equal(body, h.JSON()) {
				t.Error("the default format is not JSON")
			}
		})
	}
	// A method other than GET and HEAD, on a mux pattern without one, is
	// answered in the contract.
	resp, body := get(t, "POST", doors(t, h)["net/http"].URL+"/openapi.json")
	if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" || !bytes.Contains(body, []byte(`"code":"[GEN9405]"`)) {
		t.Errorf("POST: %d %q %s", resp.StatusCode, resp.Header.Get("Allow"), body)
	}
}
