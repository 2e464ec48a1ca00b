package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/errkit/errkit/internal/redistest"
)

// answer is one response, read whole.
type answer struct {
	status int
	header http.Header
	body   string
}

// call sends a request with the sandbox's API key (or, for /admin, its
// admin token) and reads the answer.
func call(t *testing.T, method, url, body string, header ...string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if strings.Contains(url, "/admin/") {
		req.Header.Set("Authorization", "Bearer "+AdminToken)
	} else {
		req.Header.Set("Authorization", "ApiKey "+APIKey)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, resp.Header, string(b)}
}

func idOf(t *testing.T, body string) string {
	t.Helper()
	var v struct{ ID string }
	if err := json.Unmarshal([]byte(body), &v); err != nil || v.ID == "" {
		t.Fatalf("no id in %s", body)
	}
	return v.ID
}

// redisTimeout is the replicas' Redis deadline: generous, for race-built
// binaries on a loaded machine; the deadline itself is redisstore's test.
const redisTimeout = "2s"

// fleet runs three replicas of the server on one Redis (-redis): a
// maintenance switch on one reaches all, one key makes one payment
// whichever replicas it reaches, and -rate is the fleet's limit. The
// domain data stays per replica.
func fleet(t *testing.T, bin string) {
	srv := redistest.Start(t)
	replicas := make([]*Server, 3)
	for i := range replicas {
		replicas[i] = Start(t, bin, "-redis", srv.URL(), "-redis-timeout", redisTimeout, "-rate", "1000")
	}
	if !strings.Contains(replicas[0].Log(), "shared="+srv.URL()) {
		t.Errorf("start-up log does not say where the state is shared:\n%s", replicas[0].Log())
	}

	t.Run("maintenance", func(t *testing.T) {
		if a := call(t, "PUT", replicas[0].URL+"/admin/maintenance", `{"retryAfter":60}`); a.status != 200 {
			t.Fatalf("PUT /admin/maintenance: %d %s", a.status, a.body)
		}
		start := time.Now()
		var retryAfter []string
		for _, r := range replicas {
			for {
				a := call(t, "GET", r.URL+"/v2/payees/"+unknownUUID, "")
				if a.status == 503 {
					if !strings.Contains(a.body, `"code":"[GEN9013]"`) {
						t.Errorf("maintenance answer %s", a.body)
					}
					retryAfter = append(retryAfter, a.header.Get("Retry-After"))
					break
				}
				if time.Since(start) > time.Second {
					t.Fatalf("a replica serves %v after maintenance was switched on", time.Since(start))
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
		// One end for all: 60 s, or 59 once a second has gone by.
		for _, ra := range retryAfter {
			if ra != "60" && ra != "59" {
				t.Errorf("Retry-After %q, want the shared end's 60 (or 59)", retryAfter)
			}
		}
		if a := call(t, "GET", replicas[2].URL+"/health", ""); a.status != 200 || !strings.Contains(a.body, `"maintenance":true`) {
			t.Errorf("health during maintenance: %d %s", a.status, a.body)
		}
		if a := call(t, "DELETE", replicas[1].URL+"/admin/maintenance", ""); a.status != 200 {
			t.Fatalf("DELETE /admin/maintenance: %d %s", a.status, a.body)
		}
		start = time.Now()
		for _, r := range replicas {
			for call(t, "GET", r.URL+"/v2/payees/"+unknownUUID, "").status != 404 {
				if time.Since(start) > time.Second {
					t.Fatal("a replica still in maintenance a second after it was switched off")
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
	})

	t.Run("one key, one quote", func(t *testing.T) {
		const n = 12
		answers := make([]answer, n)
		var wg sync.WaitGroup
		for i := range answers {
			wg.Go(func() {
				answers[i] = call(t, "POST", replicas[i%3].URL+"/v2/quotes", `{"fromCurrency":"EUR","toCurrency":"USD","amount":"100.00"}`,
					"Idempotency-Key", "fleet-quote-1")
			})
		}
		wg.Wait()
		ids := map[string]bool{}
		for _, a := range answers {
			switch a.status {
			case 201:
				ids[idOf(t, a.body)] = true
			case 409:
				if !strings.Contains(a.body, `"code":"[GEN9409]"`) {
					t.Errorf("409 %s", a.body)
				}
			default:
				t.Errorf("answer %d %s", a.status, a.body)
			}
		}
		if len(ids) != 1 {
			t.Errorf("one key made %d quotes over three replicas", len(ids))
		}
	})

	t.Run("one key, one payment", func(t *testing.T) {
		payee := idOf(t, call(t, "POST", replicas[0].URL+"/v2/payees", `{"name":"Ana Lima","iban":"`+IBAN(next())+`","bic":"DEUTDEFF","email":"ana@example.com"}`).body)
		body := `{"payeeId":"` + payee + `","amount":"250.00","currency":"EUR","reference":"fleet-1"}`
		first := call(t, "POST", replicas[0].URL+"/v2/payments", body, "Idempotency-Key", "fleet-pay-1")
		if first.status != 201 {
			t.Fatalf("payment: %d %s", first.status, first.body)
		}
		for _, r := range replicas[1:] {
			a := call(t, "POST", r.URL+"/v2/payments", body, "Idempotency-Key", "fleet-pay-1")
			if a.status != 201 || a.body != first.body || a.header.Get("Idempotent-Replayed") != "true" {
				t.Errorf("retry on another replica: %d %s %v", a.status, a.body, a.header)
			}
		}
		// The payment itself lives in the replica that made it.
		if a := call(t, "GET", replicas[1].URL+"/v2/payments/"+idOf(t, first.body), ""); a.status != 404 {
			t.Errorf("domain data shared between replicas? %d %s", a.status, a.body)
		}
	})

	for _, r := range replicas {
		r.Stop(t)
	}
	if _, err := srv.Do("FLUSHALL"); err != nil {
		t.Fatal(err)
	}

	t.Run("fleet-wide rate", func(t *testing.T) {
		limited := make([]*Server, 3)
		for i := range limited {
			limited[i] = Start(t, bin, "-redis", srv.URL(), "-redis-timeout", redisTimeout, "-rate", "2")
		}
		// Each start fetched the API document with the key, spending the
		// fleet's burst: let it refill first.
		time.Sleep(1100 * time.Millisecond)
		allowed := 0
		for i := range 12 {
			a := call(t, "GET", limited[i%3].URL+"/v2/payees/"+unknownUUID, "")
			switch a.status {
			case 404:
				allowed++
			case 429:
				if !strings.Contains(a.body, `"code":"[GEN9429]"`) || a.header.Get("RateLimit-Limit") != "2" || a.header.Get("Retry-After") == "" {
					t.Errorf("429: %s %v", a.body, a.header)
				}
			default:
				t.Errorf("answer %d %s", a.status, a.body)
			}
		}
		// A burst of 2, and 2 more a second: 12 quick requests get 2 to 4.
		if allowed < 2 || allowed > 4 {
			t.Errorf("three replicas at -rate 2 allowed %d of 12 requests", allowed)
		}
		for _, r := range limited {
			r.Stop(t)
		}
	})
}
