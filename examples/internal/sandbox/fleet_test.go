package sandbox

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/errkit/errkit/internal/redistest"
	"github.com/errkit/errkit/middleware"
)

// TestFleetCryptopayLimit: two replicas under -contract cryptopay and
// -redis, without -rate, share Cryptopay's documented 200 requests a
// minute per api_key: the fleet admits the burst of 200, then refuses,
// whichever replica is asked.
func TestFleetCryptopayLimit(t *testing.T) {
	srv := redistest.Start(t)
	cfg, err := ParseFlags("x", []string{"-contract", "cryptopay", "-redis", srv.URL(), "-redis-timeout", "5s"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	d, err := DialectNamed(cfg.Contract)
	if err != nil {
		t.Fatal(err)
	}
	var replicas []*httptest.Server
	for range 2 {
		c := cfg
		if c.Shared, err = OpenShared(c, log); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.Shared.Close() })
		kit := middleware.New(MiddlewareOptions(c, d, middleware.Classify, log)...)
		s := httptest.NewServer(kit.Wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})))
		t.Cleanup(s.Close)
		replicas = append(replicas, s)
	}
	const sent = 260
	allowed, refused := 0, 0
	var limit string
	start := time.Now()
	for i := range sent {
		req, _ := http.NewRequest(http.MethodGet, replicas[i%2].URL+"/v1/invoices", nil)
		req.Header.Set("Authorization", "ApiKey "+DemoAPIKey)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		switch res.StatusCode {
		case http.StatusOK:
			if refused > 0 {
				t.Fatalf("request %d allowed after a refusal", i)
			}
			allowed++
		case http.StatusTooManyRequests:
			refused++
			limit = res.Header.Get("RateLimit-Limit")
		default:
			t.Fatalf("request %d: %d", i, res.StatusCode)
		}
		if refused >= 5 {
			break
		}
	}
	// 200 a minute refills one every 300 ms while the test runs.
	most := 200 + int(time.Since(start)/(300*time.Millisecond)) + 1
	t.Logf("%d allowed, %d refused in %v", allowed, refused, time.Since(start))
	if allowed < 200 || allowed > most || refused == 0 {
		t.Errorf("the fleet allowed %d of %d requests (%d refused); want 200 to %d", allowed, allowed+refused, refused, most)
	}
	if limit != "200" {
		t.Errorf("RateLimit-Limit %q, want 200", limit)
	}
	if got := SharedLimit(cfg); got.Rate != 200 || got.Period != time.Minute || got.Burst != 200 {
		t.Errorf("SharedLimit %+v", got)
	}
	cfg.RateSet, cfg.Rate = true, 5
	if got := SharedLimit(cfg); got.Rate != 5 || got.Period != time.Second || got.Burst != 5 {
		t.Errorf("SharedLimit with -rate 5: %+v", got)
	}
}
