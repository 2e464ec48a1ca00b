package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"net"
	"net/http"
	"net/textproto"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// APIKey and AdminToken are the servers' demo credentials.
const (
	APIKey     = "pk_test_sandbox"
	AdminToken = "admin_test_sandbox"
)

// leak is part of the text the sandbox panics with; no answer may hold it.
const leak = "s3cr3t"

// Run builds the server in dir and runs every [Case] against it, then
// checks rate limiting, concurrency and graceful shutdown.
func Run(t *testing.T, dir string) {
	if testing.Short() {
		t.Skip("end-to-end: builds and runs the server binary")
	}
	bin := Build(t, dir)
	servers := map[string]*Server{}
	server := func(t *testing.T, name string) *Server {
		if s, ok := servers[name]; ok {
			return s
		}
		s := Start(t, bin, Servers[name]...)
		servers[name] = s
		return s
	}
	for _, name := range slices.Sorted(maps.Keys(Servers)) {
		server(t, name)
	}
	for _, c := range Cases {
		t.Run(c.Name, func(t *testing.T) {
			s := server(t, c.Server)
			vars := map[string]string{}
			for i, st := range c.Steps {
				if !runStep(t, s.URL, st, vars) {
					t.Fatalf("step %d (%s %s) failed; server log:\n%s", i, st.Method, st.Path, tail(s.Log(), 20))
				}
			}
		})
	}
	t.Run("concurrent payments", func(t *testing.T) { concurrent(t, server(t, "")) })
	t.Run("rate limit", func(t *testing.T) { rateLimit(t, Start(t, bin, "-rate", "1")) })
	t.Run("graceful shutdown", func(t *testing.T) { graceful(t, Start(t, bin)) })
	for _, name := range slices.Sorted(maps.Keys(servers)) {
		servers[name].Stop(t)
		if strings.Contains(servers[name].Log(), leak) && !strings.Contains(servers[name].Log(), "panic") {
			t.Errorf("server %q logged the secret outside a panic record", name)
		}
	}
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

var client = &http.Client{
	Timeout:       startTimeout,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

var (
	varRe       = regexp.MustCompile(`\{([a-z]+)(\+?)\}`)
	timestampRe = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)
	codeRe      = regexp.MustCompile(`^\[[A-Z]{3}\d{4}\]$`)
	counter     struct {
		sync.Mutex
		n int
	}
)

func next() int {
	counter.Lock()
	defer counter.Unlock()
	counter.n++
	return counter.n
}

// IBAN returns the n-th valid German IBAN of a test bank.
func IBAN(n int) string {
	bban := fmt.Sprintf("37040044%010d", n)
	// Check digits: the BBAN, then "DE" as 1314 and "00", mod 97.
	m := 0
	for _, c := range bban + "131400" {
		m = (m*10 + int(c-'0')) % 97
	}
	return fmt.Sprintf("DE%02d%s", 98-m, bban)
}

func expand(s string, vars map[string]string) string {
	return varRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := varRe.FindStringSubmatch(m)
		name, fresh := sub[1], sub[2] == "+"
		if fresh {
			switch name {
			case "iban":
				vars[name] = IBAN(next())
			case "ref":
				vars[name] = fmt.Sprintf("INV-%d-%d", time.Now().UnixNano(), next())
			case "key":
				vars[name] = fmt.Sprintf("key-%d-%d", time.Now().UnixNano(), next())
			}
		}
		if v, ok := vars[name]; ok {
			return v
		}
		return m
	})
}

func request(t *testing.T, base string, st Step, vars map[string]string) *http.Request {
	t.Helper()
	var body io.Reader
	ct := "application/json"
	switch {
	case st.File != nil:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, st.File.Field, st.File.Name))
		h.Set("Content-Type", st.File.Type)
		pw, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = pw.Write(st.File.Data)
		_ = mw.Close()
		body, ct = &buf, mw.FormDataContentType()
	case st.BigBody > 0:
		body = strings.NewReader(`{"url":"https://example.com/` + strings.Repeat("a", st.BigBody) + `"}`)
	default:
		body = strings.NewReader(expand(st.Body, vars))
	}
	req, err := http.NewRequest(st.Method, base+expand(st.Path, vars), body)
	if err != nil {
		t.Fatal(err)
	}
	switch st.ContentType {
	case "":
		req.Header.Set("Content-Type", ct)
	case "-":
	default:
		req.Header.Set("Content-Type", st.ContentType)
	}
	req.Header.Set("Authorization", "ApiKey "+APIKey)
	for k, v := range st.Header {
		if v == "" {
			req.Header.Del(k)
			continue
		}
		req.Header.Set(k, expand(v, vars))
	}
	return req
}

// runStep sends one step's request and checks the answer; it reports
// whether the answer was as expected.
func runStep(t *testing.T, base string, st Step, vars map[string]string) bool {
	t.Helper()
	req := request(t, base, st, vars)
	resp, err := client.Do(req)
	if err != nil {
		t.Errorf("%s %s: %v", st.Method, req.URL.Path, err)
		return false
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		t.Errorf("%s %s: reading body: %v", st.Method, req.URL.Path, err)
		return false
	}
	ok := true
	fail := func(format string, args ...any) {
		t.Helper()
		ok = false
		t.Errorf("%s %s: "+format+"\nstatus %d, headers %v\nbody %s", append([]any{st.Method, req.URL.Path}, append(args, resp.StatusCode, resp.Header, body)...)...)
	}
	if resp.StatusCode != st.Status {
		fail("status %d, want %d", resp.StatusCode, st.Status)
		return false
	}
	if bytes.Contains(body, []byte(leak)) || strings.Contains(fmt.Sprint(resp.Header), leak) {
		fail("the answer leaks the panic's text")
	}
	for k, v := range st.WantHeader {
		got := resp.Header.Get(k)
		sub, contains := strings.CutPrefix(v, "~")
		other, differs := strings.CutPrefix(v, "!")
		switch {
		case contains && !strings.Contains(got, sub),
			differs && (got == "" || got == other),
			!contains && !differs && (v == "" && got == "" || v != "" && got != v):
			fail("header %s = %q, want %q", k, got, v)
		}
	}
	if st.RetryAfter > 0 {
		n, err := strconv.Atoi(resp.Header.Get("Retry-After"))
		if err != nil || n > st.RetryAfter || n <= st.RetryAfter-60 {
			fail("Retry-After %q, want about %d", resp.Header.Get("Retry-After"), st.RetryAfter)
		}
	}
	if st.Method == http.MethodHead {
		if len(body) != 0 {
			fail("HEAD answered with a body")
		}
		if st.Code != "" {
			checkErrorHeaders(resp, fail)
		}
		return ok
	}
	var obj map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		fail("body is not a JSON object: %v", err)
		return false
	}
	if st.Code != "" {
		checkErrorHeaders(resp, fail)
		checkErrorBody(obj, st, fail)
	} else if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		fail("Content-Type %q", resp.Header.Get("Content-Type"))
	}
	for _, s := range st.Contains {
		if s = expand(s, vars); !bytes.Contains(body, []byte(s)) {
			fail("body lacks %s", s)
		}
	}
	for name, field := range st.Save {
		v, _ := obj[field].(string)
		if v == "" {
			fail("no string %q to save as {%s}", field, name)
		}
		vars[name] = v
	}
	if st.SaveBody != "" {
		vars["body:"+st.SaveBody] = string(body)
	}
	if st.SameBody != "" && vars["body:"+st.SameBody] != string(body) {
		fail("body differs from the one kept as %s:\n%s", st.SameBody, vars["body:"+st.SameBody])
	}
	return ok
}

func checkErrorHeaders(resp *http.Response, fail func(string, ...any)) {
	for k, v := range map[string]string{
		"Content-Type":           "application/json; charset=utf-8",
		"X-Content-Type-Options": "nosniff",
		"Cache-Control":          "no-store",
	} {
		if got := resp.Header.Get(k); got != v {
			fail("header %s = %q, want %q", k, got, v)
		}
	}
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		if n, err := strconv.Atoi(ra); err != nil || n < 1 {
			fail("Retry-After %q is not a positive number of seconds", ra)
		}
	}
}

// checkErrorBody checks a Nexpay v2 error body, to the letter.
func checkErrorBody(obj map[string]any, st Step, fail func(string, ...any)) {
	for k := range obj {
		switch k {
		case "statusCode", "code", "message", "timestamp", "details":
		default:
			fail("unexpected member %q", k)
		}
	}
	if n, _ := obj["statusCode"].(json.Number); n.String() != strconv.Itoa(st.Status) {
		fail("statusCode %v, want %d", obj["statusCode"], st.Status)
	}
	code, _ := obj["code"].(string)
	if code != st.Code || !codeRe.MatchString(code) {
		fail("code %q, want %q", code, st.Code)
	}
	if msg, _ := obj["message"].(string); !strings.HasPrefix(msg, code+" ") || len(msg) <= len(code)+1 {
		fail("message %q does not start with the code", msg)
	}
	if ts, _ := obj["timestamp"].(string); !timestampRe.MatchString(ts) {
		fail("timestamp %q is not RFC 3339 UTC with milliseconds", ts)
	}
	details, hasDetails := obj["details"].(map[string]any)
	if _, present := obj["details"]; present && !hasDetails {
		fail("details is not an object")
	}
	for k, want := range st.Details {
		if got := details[k]; fmt.Sprint(got) != fmt.Sprint(want) {
			fail("details.%s = %v, want %v", k, got, want)
		}
	}
	if st.Fields != nil {
		list, _ := details["fields"].([]any)
		var names []string
		for _, f := range list {
			m, _ := f.(map[string]any)
			name, _ := m["field"].(string)
			if msg, _ := m["message"].(string); msg == "" {
				fail("field %q has no message", name)
			}
			names = append(names, name)
		}
		if !slices.Equal(names, st.Fields) {
			fail("details.fields %v, want %v", names, st.Fields)
		}
	}
}

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
	// Health checks are not spent against the API key's budget.
	runStep(t, s.URL, Step{Method: "GET", Path: "/health", Header: hdr("Authorization", noAuth), Status: 200}, nil)
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
	s.Signal(t, sigterm)
	s.WaitLog(t, "shutting down")
	if _, err := io.WriteString(conn, body[10:]); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufioReader(conn), nil)
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
