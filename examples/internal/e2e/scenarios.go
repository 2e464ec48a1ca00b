package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// concurrent creates payments from many goroutines at once: every one
// must succeed, each with its own ID.
func concurrent(t *testing.T, s *Server) {
	vars := map[string]string{}
	if !runStep(t, s.URL, newPayee(), vars) {
		t.FailNow()
	}
	const n = 32
	var wg sync.WaitGroup
	ids := make([]string, n)
	for i := range n {
		wg.Go(func() {
			v := map[string]string{"payee": vars["payee"]}
			if runStep(t, s.URL, newPayment(), v) {
				ids[i] = v["payment"]
			}
		})
	}
	wg.Wait()
	slices.Sort(ids)
	if len(slices.Compact(ids)) != n {
		t.Errorf("payment IDs are not unique: %v", ids)
	}
}

// rateLimit sends requests faster than one a second: the excess is
// answered 429 in the contract with Retry-After.
func rateLimit(t *testing.T, s *Server) {
	defer s.Stop(t)
	limited := 0
	for range 20 {
		st := Step{Method: "GET", Path: "/v2/payees/" + unknownUUID, Status: 404, Code: "[PYE0001]"}
		resp, err := client.Do(request(t, s.URL, st, nil))
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			st.Status, st.Code = 429, "[GEN9429]"
			st.WantHeader = hdr("Retry-After", "", "RateLimit-Limit", "1", "RateLimit-Remaining", "0", "RateLimit-Reset", "")
			if !runStep(t, s.URL, st, nil) {
				t.FailNow()
			}
			limited++
			break
		}
	}
	if limited == 0 {
		t.Fatal("20 requests at -rate 1 were never limited")
	}
	// Health checks, webhook subscriptions and gateway callbacks are not
	// spent against the API key's budget, nor against the client IP's.
	for range 5 {
		if !runStep(t, s.URL, Step{Method: "GET", Path: "/health", Header: hdr("Authorization", noAuth), Status: 200}, nil) {
			t.FailNow()
		}
	}
	for range 3 {
		if !runStep(t, s.URL, Step{Method: "POST", Path: "/v2/gateway/callback", Header: hdr("Authorization", noAuth),
			Body: `{"paymentId":"` + unknownUUID + `","status":"completed"}`, Status: 401, Code: "[GEN9003]"}, nil) {
			t.FailNow()
		}
	}
	// Other requests without an API key are counted against the IP.
	st := Step{Method: "GET", Path: "/nothing-here", Header: hdr("Authorization", noAuth)}
	for i := range 20 {
		resp, err := client.Do(request(t, s.URL, st, nil))
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			break
		}
		if i == 19 {
			t.Error("20 requests without an API key at -rate 1 were never limited")
		}
	}
}

// graceful starts a request, asks the server to stop while it is in
// flight, and checks that it is answered in full before the server exits.
func graceful(t *testing.T, s *Server) {
	addr := strings.TrimPrefix(s.URL, "http://")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"url":"https://example.com/hooks/graceful"}`
	head := "POST /v2/webhooks HTTP/1.1\r\nHost: " + addr + "\r\nAuthorization: ApiKey " + APIKey +
		"\r\nContent-Type: application/json\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n"
	if _, err := io.WriteString(conn, head+body[:10]); err != nil {
		t.Fatal(err)
	}
	// Once the handler reads the body, the connection is active.
	time.Sleep(100 * time.Millisecond)
	s.Signal(t, syscall.SIGTERM)
	s.WaitLog(t, "shutting down")
	if _, err := io.WriteString(conn, body[10:]); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("request in flight was not answered: %v\n%s", err, s.Log())
	}
	got, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || !bytes.Contains(got, []byte("graceful")) {
		t.Errorf("request in flight answered %d %s", resp.StatusCode, got)
	}
	s.Wait(t)
	if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		t.Error("server still accepts connections after shutting down")
	}
}

// sameKey sends one idempotency key from many goroutines at once: the
// payment is made once, every 201 carries its ID, and the requests that
// came while it was in flight get the contract's 409.
func sameKey(t *testing.T, s *Server) {
	vars := map[string]string{}
	if !runStep(t, s.URL, newPayee(), vars) {
		t.FailNow()
	}
	st := Step{Method: "POST", Path: "/v2/payments", Header: hdr("Idempotency-Key", expand("{key+}", vars)),
		Body: expand(`{"payeeId":"{payee}","amount":"42.00","currency":"EUR","reference":"{ref+}"}`, vars)}
	const n = 24
	var (
		mu  sync.Mutex
		ids = map[string]int{}
		wg  sync.WaitGroup
	)
	for range n {
		wg.Go(func() {
			resp, err := client.Do(request(t, s.URL, st, map[string]string{}))
			if err != nil {
				t.Error(err)
				return
			}
			body, _ := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			mu.Lock()
			defer mu.Unlock()
			switch resp.StatusCode {
			case http.StatusCreated:
				var p struct{ ID string }
				_ = json.Unmarshal(body, &p)
				ids[p.ID]++
			case http.StatusConflict:
				if !bytes.Contains(body, []byte(`"code":"[GEN9409]"`)) {
					t.Errorf("409 with %s", body)
				}
			default:
				t.Errorf("status %d %s", resp.StatusCode, body)
			}
		})
	}
	wg.Wait()
	if len(ids) != 1 {
		t.Errorf("one key made %d payments: %v", len(ids), ids)
	}
}

// flags checks the command line: -h prints the flags and exits 0, a bad
// flag exits 2 saying why, a taken address exits 1.
func flags(t *testing.T, bin string, taken string) {
	for _, tc := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"-h"}, 0, "-contract"},
		{[]string{"-rate", "0"}, 2, "-rate must be positive"},
		{[]string{"-contract", "soap"}, 2, `unknown contract \"soap\"`},
		{[]string{"-addr", taken}, 1, "server failed"},
	} {
		out, err := exec.Command(bin, tc.args...).CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != tc.code || !strings.Contains(string(out), tc.says) {
			t.Errorf("%q: exit %d, want %d saying %q\n%s", tc.args, code, tc.code, tc.says, out)
		}
	}
}
