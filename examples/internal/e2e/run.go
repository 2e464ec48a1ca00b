package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
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
	RunBinary(t, Build(t, dir))
}

// RunBinary is [Run] for a server binary already built.
func RunBinary(t *testing.T, bin string) {
	servers := map[string]*Server{}
	server := func(t *testing.T, name string) *Server {
		if s, ok := servers[name]; ok {
			return s
		}
		s := Start(t, bin, Servers[name]...)
		servers[name] = s
		return s
	}
	names := slices.Sorted(maps.Keys(Servers))
	sets := make([][]string, len(names))
	for i, name := range names {
		sets[i] = Servers[name]
	}
	for i, s := range StartAll(t, bin, sets...) {
		servers[names[i]] = s
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
	t.Run("one key from many clients", func(t *testing.T) { sameKey(t, server(t, "")) })
	t.Run("rate limit", func(t *testing.T) { rateLimit(t, Start(t, bin, "-rate", "1")) })
	t.Run("graceful shutdown", func(t *testing.T) { graceful(t, Start(t, bin)) })
	t.Run("contracts", func(t *testing.T) { contracts(t, bin) })
	t.Run("metrics", func(t *testing.T) { metricsCheck(t, Start(t, bin, "-metrics")) })
	t.Run("log under a flood", func(t *testing.T) { floodCheck(t, Start(t, bin, "-rate", "100000")) })
	t.Run("signed requests", func(t *testing.T) { signed(t, bin) })
	t.Run("flags", func(t *testing.T) { flags(t, bin, strings.TrimPrefix(server(t, "").URL, "http://")) })
	t.Run("fleet on redis", func(t *testing.T) { fleet(t, bin) })
	for _, name := range slices.Sorted(maps.Keys(servers)) {
		servers[name].Stop(t)
	}
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// client sends the suite's requests; every answer is held to the
// document of the server that sent it (see checkDocument).
var client = &http.Client{
	Transport:     checking{http.DefaultTransport},
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
	target := expand(st.Path, vars)
	if target == "*" {
		target = ""
	}
	req, err := http.NewRequest(st.Method, base+target, body)
	if err != nil {
		t.Fatal(err)
	}
	if st.Path == "*" {
		req.URL.Opaque = "*" // the asterisk-form request-target
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
	ra := resp.Header.Get("Retry-After")
	if ra != "" {
		if n, err := strconv.Atoi(ra); err != nil || n < 1 {
			fail("Retry-After %q is not a positive number of seconds", ra)
		}
	}
	if ra == "" && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		fail("a %d without Retry-After", resp.StatusCode)
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
