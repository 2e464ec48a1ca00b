package e2e

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// metricsCheck sends failures to a server started with -metrics and reads
// them back from /metrics: counted by code, status and route template,
// the raw path of an unknown route nowhere.
func metricsCheck(t *testing.T, s *Server) {
	vars := map[string]string{}
	for _, st := range []Step{
		{Method: "GET", Path: "/v2/payments/" + unknownUUID, Status: 404},
		{Method: "GET", Path: "/v2/payments/" + unknownUUID, Status: 404},
		{Method: "GET", Path: "/v2/refunds/r-8a1f93", Status: 404},
	} {
		if !runStep(t, s.URL, st, vars) {
			t.Fatalf("%s %s failed; server log:\n%s", st.Method, st.Path, tail(s.Log(), 20))
		}
	}
	// /metrics is the operator's, outside the API's document: scraped
	// as Prometheus would, not held to it.
	resp, err := http.DefaultClient.Get(s.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("/metrics: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	text := string(body)
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^errkit_failures_total\{errkit_code="PAY0001",http_response_status_code="404",http_route="/v2/payments/(\{id\}|:id)",[^}]*\} 2$`),
		regexp.MustCompile(`(?m)^errkit_failures_total\{errkit_code="GEN9404",http_response_status_code="404",otel[^}]*\} 1$`),
	} {
		if !want.MatchString(text) {
			t.Errorf("/metrics lacks %s:\n%s", want, text)
		}
	}
	if strings.Contains(text, "r-8a1f93") || strings.Contains(text, unknownUUID) {
		t.Error("a raw path reached /metrics")
	}
}

// floodCheck sends a flood of bad requests: the server logs at most the
// first 10 records per code per second of them, and its 5xx in full.
func floodCheck(t *testing.T, s *Server) {
	const n = 1000
	start := time.Now()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range n / 4 {
				resp, err := client.Get(s.URL + "/wp-admin/setup.php")
				if err != nil {
					t.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
			}
		})
	}
	wg.Wait()
	periods := int(time.Since(start)/time.Second) + 2 // the partial ones at each end
	// A 5xx after the flood: logged, and the mark that the log is read.
	if !runStep(t, s.URL, Step{Method: "GET", Path: "/v2/debug/panic", Status: 500}, map[string]string{}) {
		t.FailNow()
	}
	s.WaitLog(t, "code=GEN9001")
	records := strings.Count(s.Log(), `msg="request failed" code=GEN9404`)
	if records == 0 || records > 10*periods {
		t.Errorf("%d records of %d bad requests in %d periods, want 1 to %d", records, n, periods, 10*periods)
	}
	t.Logf("%d bad requests, %d records", n, records)
}
