package echoauth_test

import (
	"crypto/sha256"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/apierr/payout"
	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/auth/echoauth"
	"github.com/errkit/errkit/middleware"
	"github.com/errkit/errkit/middleware/echomw"
)

func server(t *testing.T, c auth.Checker, opts ...middleware.Option) *httptest.Server {
	e := echo.New()
	echomw.Install(e, append(opts, middleware.WithLogger(slog.New(slog.DiscardHandler)))...)
	g := e.Group("/v1", echoauth.Middleware(c))
	g.POST("/payouts", func(ec echo.Context) error {
		b, err := io.ReadAll(ec.Request().Body)
		if err != nil {
			return err
		}
		return ec.String(http.StatusCreated, auth.KeyFrom(ec.Request().Context())+" "+string(b))
	})
	s := httptest.NewServer(e)
	t.Cleanup(s.Close)
	return s
}

func do(t *testing.T, r *http.Request) (int, string) {
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// The Payout scheme through echo's router: the handler gets the body the
// signature covered; failures are the Payout contract's.
func TestPayoutThroughEcho(t *testing.T) {
	v, err := auth.New(auth.Config{Lookup: auth.StaticKeys(map[string]string{"pk_1": "sk_1"}), Canonical: auth.TimestampBody})
	if err != nil {
		t.Fatal(err)
	}
	s := server(t, v, middleware.WithContract(payout.Contract))
	const body = `{"amount":"5.00"}`
	cases := []struct {
		name, ts, body, signed string
		status                 int
		want                   string
	}{
		{"signed", "now", body, body, 201, "pk_1 " + body},
		{"no timestamp", "", body, body, 401, `{"message":"Timestamp required","code":"unauthorized","error":{"code":"unauthorized","message":"Timestamp required"}}`},
		{"stale", "old", body, body, 401, `{"message":"Timestamp window exceeded","code":"unauthorized","error":{"code":"unauthorized","message":"Timestamp window exceeded"}}`},
		{"changed body", "now", `{"amount":"500.00"}`, body, 401, `{"message":"Invalid signature","code":"unauthorized","error":{"code":"unauthorized","message":"Invalid signature"}}`},
	}
	for _, tc := range cases {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		if tc.ts == "old" {
			ts = strconv.FormatInt(time.Now().Add(-time.Hour).Unix(), 10)
		}
		r, _ := http.NewRequest("POST", s.URL+"/v1/payouts", strings.NewReader(tc.body))
		r.Header.Set("X-API-Key", "pk_1")
		if tc.ts != "" {
			r.Header.Set("X-Timestamp", ts)
		}
		r.Header.Set("X-Signature", auth.Sign(sha256.New, []byte("sk_1"), []byte(ts+tc.signed)))
		if status, got := do(t, r); status != tc.status || got != tc.want {
			t.Errorf("%s: %d %s\nwant %d %s", tc.name, status, got, tc.status, tc.want)
		}
	}
}

func TestBasicThroughEcho(t *testing.T) {
	s := server(t, auth.Basic{Lookup: auth.StaticKeys(map[string]string{"client_1": "secret_1"})}, middleware.WithContract(nextapi.Contract))
	for _, tc := range []struct {
		user, pass string
		status     int
		want       string
	}{
		{"client_1", "secret_1", 201, "client_1 {}"},
		{"client_1", "nope", 401, `{"error":{"code":"INVALID_CREDENTIALS","message":"Client ID or Client Secret is incorrect"}}`},
		{"", "", 401, `{"error":{"code":"UNAUTHORIZED","message":"Authorization header missing or malformed"}}`},
	} {
		r, _ := http.NewRequest("POST", s.URL+"/v1/payouts", strings.NewReader(`{}`))
		if tc.user != "" {
			r.SetBasicAuth(tc.user, tc.pass)
		}
		if status, got := do(t, r); status != tc.status || got != tc.want {
			t.Errorf("%s: %d %s\nwant %d %s", tc.user, status, got, tc.status, tc.want)
		}
	}
}
