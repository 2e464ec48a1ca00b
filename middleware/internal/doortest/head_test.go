package doortest_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echomw"
	"github.com/errkit/errkit/middleware/echov5mw"
	"github.com/errkit/errkit/middleware/ginmw"
	"github.com/errkit/errkit/middleware/internal/doortest"
	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	echo "github.com/labstack/echo/v4"
	echov5 "github.com/labstack/echo/v5"
)

// The doors as the README builds them, with one GET route each, answering
// [PAY0001]; opts go to the door's set.
var headDoors = []struct {
	name string
	make func(opts ...middleware.Option) http.Handler
}{
	{"net/http", func(opts ...middleware.Option) http.Handler {
		mux := http.NewServeMux()
		mux.Handle("GET /v2/payments/{id}", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			return apierr.New(apierr.PAY0001).With("id", r.PathValue("id"))
		}))
		return middleware.Wrap(mux, opts...)
	}},
	{"chi", func(opts ...middleware.Option) http.Handler {
		s := middleware.New(opts...)
		r := chi.NewRouter()
		r.NotFound(s.NotFound)
		r.Get("/v2/payments/{id}", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			return apierr.New(apierr.PAY0001).With("id", chi.URLParam(r, "id"))
		}).ServeHTTP)
		return s.Wrap(r)
	}},
	{"echo v4", func(opts ...middleware.Option) http.Handler {
		e := echo.New()
		echomw.Install(e, opts...)
		e.GET("/v2/payments/:id", func(c echo.Context) error {
			return apierr.New(apierr.PAY0001).With("id", c.Param("id"))
		})
		return e
	}},
	{"echo v5", func(opts ...middleware.Option) http.Handler {
		e := echov5mw.New(opts...).NewEcho(echov5.Config{})
		e.GET("/v2/payments/:id", func(c *echov5.Context) error {
			return apierr.New(apierr.PAY0001).With("id", c.Param("id"))
		})
		return e
	}},
	{"gin", func(opts ...middleware.Option) http.Handler {
		gin.SetMode(gin.ReleaseMode)
		e := gin.New()
		ginmw.Install(e, opts...)
		e.GET("/v2/payments/:id", ginmw.Handler(func(c *gin.Context) error {
			return apierr.New(apierr.PAY0001).With("id", c.Param("id"))
		}))
		return e
	}},
}

// TestHeadOnGetRoute holds each door to what docs/doors.md says it answers
// to HEAD on a GET route, by default and with [middleware.WithHeadAsGet]:
// either the GET route's answer without its body, or the contract's 405
// with an Allow header listing GET, never a plain one. The answers are
// read from a real server, which drops a HEAD body, and the body the door
// wrote from a recorder, which keeps it.
func TestHeadOnGetRoute(t *testing.T) {
	cases := []struct {
		door     string
		headAs   bool // WithHeadAsGet
		status   int
		code     string
		allow    string // the Allow header of the HEAD answer
		allowDel string // the Allow header of a DELETE's 405
	}{
		{"net/http", false, 404, "PAY0001", "", "GET, HEAD"},
		{"net/http", true, 404, "PAY0001", "", "GET, HEAD"},
		{"chi", false, 405, "GEN9405", "GET", "GET"},
		{"chi", true, 404, "PAY0001", "", "GET, HEAD"},
		{"echo v4", false, 405, "GEN9405", "OPTIONS, GET", "OPTIONS, GET"},
		{"echo v4", true, 404, "PAY0001", "", "OPTIONS, GET, HEAD"},
		{"echo v5", false, 404, "PAY0001", "", "OPTIONS, GET, HEAD"},
		{"echo v5", true, 404, "PAY0001", "", "OPTIONS, GET, HEAD"},
		{"gin", false, 404, "PAY0001", "", "GET, HEAD"},
		{"gin", true, 404, "PAY0001", "", "GET, HEAD"},
	}
	for _, c := range cases {
		name := c.door
		if c.headAs {
			name += " WithHeadAsGet"
		}
		t.Run(name, func(t *testing.T) {
			opts := []middleware.Option{doortest.Quiet()}
			if c.headAs {
				opts = append(opts, middleware.WithHeadAsGet())
			}
			var h http.Handler
			for _, d := range headDoors {
				if d.name == c.door {
					h = d.make(opts...)
				}
			}
			srv := httptest.NewServer(h)
			defer srv.Close()

			// What the client gets.
			resp := do(t, http.MethodHead, srv.URL+"/v2/payments/42")
			if resp.status != c.status || resp.header.Get("Allow") != c.allow {
				t.Errorf("HEAD: %d Allow %q, want %d Allow %q", resp.status, resp.header.Get("Allow"), c.status, c.allow)
			}
			if ct := resp.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("HEAD: Content-Type %q, want the contract's JSON", ct)
			}
			if resp.body != "" {
				t.Errorf("HEAD: a body reached the client: %q", resp.body)
			}

			// What the door wrote: the contract's body for the status.
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/v2/payments/42", nil))
			body := rec.Body.String()
			if body != "" && (!strings.Contains(body, `"code":"[`+c.code+`]"`) || !strings.Contains(body, `"statusCode":`+strconv.Itoa(c.status))) {
				t.Errorf("HEAD: the door wrote %q, want the contract's [%s] body or none", body, c.code)
			}
			if cl := resp.header.Get("Content-Length"); cl != "" && body != "" && cl != strconv.Itoa(len(body)) {
				t.Errorf("HEAD: Content-Length %s for a body of %d bytes", cl, len(body))
			}

			// A method no route serves: the contract's 405, with HEAD in
			// Allow wherever HEAD is served.
			del := do(t, http.MethodDelete, srv.URL+"/v2/payments/42")
			if del.status != 405 || !strings.Contains(del.body, `"code":"[GEN9405]"`) || del.header.Get("Allow") != c.allowDel {
				t.Errorf("DELETE: %d Allow %q %s, want 405 Allow %q [GEN9405]", del.status, del.header.Get("Allow"), del.body, c.allowDel)
			}
		})
	}
}

type answer struct {
	status int
	header http.Header
	body   string
}

func do(t *testing.T, method, url string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{resp.StatusCode, resp.Header, string(b)}
}
