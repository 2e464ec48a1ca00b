package openapi

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/getkin/kin-openapi/openapi3"
)

// Content types of the served document.
const (
	JSONContentType = "application/json; charset=utf-8"
	YAMLContentType = "application/yaml; charset=utf-8"
)

// A DocHandler serves one document as JSON and YAML, with an ETag per
// format; see [Handler].
type DocHandler struct {
	json, yaml rendition
}

type rendition struct {
	body        []byte
	etag        string
	contentType string
}

func newRendition(doc *openapi3.T, f Format, ct string) (rendition, error) {
	b, err := Marshal(doc, f)
	if err != nil {
		return rendition{}, err
	}
	sum := sha256.Sum256(b)
	return rendition{body: b, etag: `"` + hex.EncodeToString(sum[:16]) + `"`, contentType: ct}, nil
}

// Handler returns an http.Handler that serves doc, written once by
// [Marshal]: as YAML when the request path ends in .yaml or .yml, as JSON
// when it ends in .json, and otherwise as the Accept header prefers (JSON
// unless it names YAML). Each format has a strong ETag; a GET or HEAD whose
// If-None-Match names it is answered 304 Not Modified without a body.
// Other methods are answered 405 with Allow, in the contract of the
// middleware that guards the handler ([middleware.Error]).
//
// It is a plain http.Handler, so every door mounts it as it mounts any:
// mux.Handle("GET /openapi.json", h), e.GET("/openapi.json",
// echo.WrapHandler(h)), r.GET("/openapi.json", gin.WrapH(h)). doc must not
// change afterwards; build another Handler for a new document.
func Handler(doc *openapi3.T) (*DocHandler, error) {
	j, err := newRendition(doc, JSON, JSONContentType)
	if err != nil {
		return nil, err
	}
	y, err := newRendition(doc, YAML, YAMLContentType)
	if err != nil {
		return nil, err
	}
	return &DocHandler{json: j, yaml: y}, nil
}

// JSON returns the document as served in JSON. The caller must not change
// the bytes.
func (h *DocHandler) JSON() []byte { return h.json.body }

// YAML returns the document as served in YAML. The caller must not change
// the bytes.
func (h *DocHandler) YAML() []byte { return h.yaml.body }

// ServeHTTP serves the document.
func (h *DocHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		middleware.Error(w, r, apierr.NewCondition(apierr.MethodNotAllowed))
		return
	}
	rd, negotiated := h.pick(r)
	hdr := w.Header()
	hdr.Set("ETag", rd.etag)
	hdr.Set("Cache-Control", "no-cache")
	if negotiated {
		hdr.Set("Vary", "Accept")
	}
	if matchETag(r.Header.Values("If-None-Match"), rd.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hdr.Set("Content-Type", rd.contentType)
	hdr.Set("X-Content-Type-Options", "nosniff")
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	_, _ = w.Write(rd.body)
}

// pick chooses the format; negotiated says the Accept header decided.
func (h *DocHandler) pick(r *http.Request) (rendition, bool) {
	p := strings.ToLower(r.URL.Path)
	switch {
	case strings.HasSuffix(p, ".yaml"), strings.HasSuffix(p, ".yml"):
		return h.yaml, false
	case strings.HasSuffix(p, ".json"):
		return h.json, false
	}
	for _, a := range r.Header.Values("Accept") {
		for _, part := range strings.Split(a, ",") {
			mt, _, _ := strings.Cut(strings.TrimSpace(part), ";")
			switch strings.ToLower(strings.TrimSpace(mt)) {
			case "application/yaml", "application/x-yaml", "text/yaml", "application/openapi+yaml":
				return h.yaml, true
			case "application/json", "application/openapi+json":
				return h.json, true
			}
		}
	}
	return h.json, true
}

// matchETag reports whether an If-None-Match header (its values) names
// etag, by the weak comparison RFC 9110 prescribes for it, or is "*".
func matchETag(values []string, etag string) bool {
	for _, v := range values {
		for _, t := range strings.Split(v, ",") {
			t = strings.TrimSpace(t)
			if t == "*" || strings.TrimPrefix(t, "W/") == etag {
				return true
			}
		}
	}
	return false
}
