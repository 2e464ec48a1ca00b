package doctour

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/examples/internal/e2e"
	"github.com/errkit/errkit/internal/mdblocks"
	"github.com/errkit/errkit/internal/redistest"
)

// root is the module's root directory, from this package's.
const root = "../../.."

// sandboxAddr is the address the pages use for the sandbox.
const sandboxAddr = "localhost:8080"

// startRe matches a block's first line that says how to start the sandbox.
var startRe = regexp.MustCompile(`^# go run \./examples/(nexpay|nethttp)((?: +\S+)*) *$`)

// A session is the blocks that run in one bash process against one server,
// or against a fleet.
type session struct {
	door   string   // "nexpay" or "nethttp"
	flags  []string // the sandbox's command line
	blocks []step
	fleet  *fleet // a fleet's servers, started by the test; nil for one sandbox
}

// A fleet is what a block's background commands start: a redis-server and
// replicas of the sandboxes that share it.
type fleet struct {
	redisPort string    // the port the page runs redis-server on
	replicas  []replica // in the page's order
}

// A replica is one sandbox of a fleet.
type replica struct {
	door  string   // "nexpay" or "nethttp"
	port  string   // the port the page gives it with -addr
	flags []string // its other flags, as the page gives them
}

// Lines of a fleet block that start a server in the background: the test
// starts it instead (a real redis-server on a free port, the sandbox
// built once), and the block's addresses are rewritten to them.
var (
	redisLineRe   = regexp.MustCompile(`^redis-server --port (\d+)(?: +\S+)* *& *$`)
	replicaLineRe = regexp.MustCompile(`^go run \./examples/(nexpay|nethttp)((?: +\S+)*) *& *$`)
	// localRe matches an address on this machine a command talks to.
	localRe = regexp.MustCompile(`\b(?:localhost|127\.0\.0\.1):(\d+)`)
)

// notRunRe matches the info string of a block the test does not run, with
// the reason: ```sh not-run: <why>.
var notRunRe = regexp.MustCompile(`^\S+ +not-run: *\S`)

// A step is one block to run and the output its page shows.
type step struct {
	line     int // the line of the shell block's fence
	wantLine int // the line of the text block's fence
	cmds     []string
	want     string
}

// sessions reads a page's runnable blocks into sessions. problems lists
// the blocks that break the convention, among them any that talks to an
// address on this machine and is not run, unless its info string says why
// (```sh not-run: <why>).
func sessions(page string, blocks []mdblocks.Block) (out []*session, problems []string) {
	fail := func(line int, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s:%d: ", page, line)+fmt.Sprintf(format, args...))
	}
	for i, b := range blocks {
		if b.Lang == "console" && strings.Contains(b.Text, sandboxAddr) {
			fail(b.Line, "write a session with the sandbox as a ```sh block of commands and a ```text block of their output, so it can be copied and run")
		}
		if !isShell(b.Lang) {
			continue
		}
		ports := talksTo(b.Text)
		if len(ports) == 0 {
			continue
		}
		if notRunRe.MatchString(b.Info) {
			continue
		}
		fl, cmds := fleetOf(b.Text)
		var cur *session
		if len(out) > 0 {
			cur = out[len(out)-1]
		}
		first, _, _ := strings.Cut(b.Text, "\n")
		var next *session // the session the block starts, if any
		switch {
		case fl != nil && fl.serves(ports):
			next = &session{fleet: fl}
		case fl == nil && cur != nil && cur.fleet != nil && cur.fleet.serves(ports):
			// A later block of the same fleet.
		case fl == nil && len(ports) == 1 && ports[0] == "8080":
			if m := startRe.FindStringSubmatch(first); m != nil {
				next = &session{door: m[1], flags: strings.Fields(m[2])}
			} else if strings.HasPrefix(first, "# go run") {
				fail(b.Line, "%q does not say how to start the sandbox as the convention does", first)
				continue
			} else if cur == nil || cur.fleet != nil {
				next = &session{door: "nexpay"}
			}
		default:
			fail(b.Line, "the block talks to localhost:%s, which no sandbox of the page serves: run the sandbox on 8080, start a fleet in the block, or say why it is not run (```sh not-run: <why>)", strings.Join(ports, ", localhost:"))
			continue
		}
		if i+1 >= len(blocks) || blocks[i+1].Lang != "text" {
			fail(b.Line, "a block that talks to the sandbox must be followed by a ```text block of its output")
			continue
		}
		if next != nil {
			cur = next
			out = append(out, cur)
		}
		cur.blocks = append(cur.blocks, step{line: b.Line, wantLine: blocks[i+1].Line, cmds: cmds, want: blocks[i+1].Text})
	}
	return out, problems
}

// talksTo returns the ports on this machine a block's commands name,
// outside comments, in order of first use.
func talksTo(text string) []string {
	var ports []string
	seen := map[string]bool{}
	for _, c := range commands(text) {
		for _, l := range strings.Split(c, "\n") {
			if i := strings.Index(l, " #"); i >= 0 {
				l = l[:i]
			}
			for _, m := range localRe.FindAllStringSubmatch(l, -1) {
				if !seen[m[1]] {
					seen[m[1]] = true
					ports = append(ports, m[1])
				}
			}
		}
	}
	return ports
}

// fleetOf returns the fleet a block starts, if its commands start a
// redis-server and replicas in the background, and the commands left for
// bash to run.
func fleetOf(text string) (*fleet, []string) {
	var fl fleet
	var rest []string
	for _, c := range commands(text) {
		if m := redisLineRe.FindStringSubmatch(c); m != nil {
			fl.redisPort = m[1]
			continue
		}
		if m := replicaLineRe.FindStringSubmatch(c); m != nil {
			r := replica{door: m[1]}
			f := strings.Fields(m[2])
			for j := 0; j < len(f); j++ {
				if f[j] == "-addr" && j+1 < len(f) {
					_, r.port, _ = strings.Cut(f[j+1], ":")
					j++
					continue
				}
				r.flags = append(r.flags, f[j])
			}
			if r.port != "" {
				fl.replicas = append(fl.replicas, r)
				continue
			}
		}
		rest = append(rest, c)
	}
	if fl.redisPort == "" || len(fl.replicas) == 0 {
		return nil, commands(text)
	}
	return &fl, rest
}

// serves reports whether every port is the fleet's.
func (fl *fleet) serves(ports []string) bool {
	for _, p := range ports {
		found := p == fl.redisPort
		for _, r := range fl.replicas {
			found = found || r.port == p
		}
		if !found {
			return false
		}
	}
	return true
}

func isShell(lang string) bool { return lang == "sh" || lang == "bash" || lang == "shell" }

// commands splits a block into its commands: lines, joined where one ends
// in a backslash. Blank lines and comments are left out.
func commands(text string) []string {
	var cmds []string
	var cur strings.Builder
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		cur.WriteString(l)
		if strings.HasSuffix(l, `\`) {
			cur.WriteString("\n")
			continue
		}
		if c := strings.TrimSpace(cur.String()); c != "" && !strings.HasPrefix(c, "#") {
			cmds = append(cmds, cur.String())
		}
		cur.Reset()
	}
	return cmds
}

// Markers the script prints between commands and between blocks.
const (
	endCmd   = "\x1e"
	endBlock = "\x1d"
)

// waitForBudget waits, under a -rate of the session's, until the API key's
// budget is whole again: e2e.Start checks the OpenAPI document the sandbox
// serves with the API key, spending it, and a page shows a fresh sandbox.
// Tokens refill at -rate a second up to a burst of max(1, -rate).
func (s *session) waitForBudget() {
	for i, f := range s.flags {
		if f != "-rate" || i+1 >= len(s.flags) {
			continue
		}
		if r, err := strconv.ParseFloat(s.flags[i+1], 64); err == nil && r > 0 {
			time.Sleep(time.Duration(float64(time.Second)*max(1, math.Floor(r))/r) + 100*time.Millisecond)
		}
	}
}

// run runs a session's blocks against a fresh server and returns what each
// block printed, each command's output ending in a newline.
func (s *session) run(t *testing.T, bins map[string]string) (got []string, serverLog func() string) {
	var rewrite func(string) string
	if s.fleet != nil {
		rewrite, serverLog = s.fleet.start(t, bins)
	} else {
		srv := e2e.Start(t, bins[s.door], s.flags...)
		s.waitForBudget()
		host := strings.TrimPrefix(srv.URL, "http://")
		rewrite = func(c string) string { return strings.ReplaceAll(c, sandboxAddr, host) }
		serverLog = srv.Log
	}
	var script strings.Builder
	for _, b := range s.blocks {
		for _, c := range b.cmds {
			fmt.Fprintf(&script, "%s\nprintf '\\036'\n", rewrite(c))
		}
		script.WriteString("printf '\\035'\n")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute) // guards a hung command; measures nothing
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "--noprofile", "--norc", "-c", script.String())
	cmd.Dir = t.TempDir()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, stderr.String())
	}
	// What a terminal shows: the commands' outputs one after the other, as
	// they are. An output without a final newline runs into the next
	// one's; the page's commands end such output with curl -w '\n'.
	for _, block := range strings.Split(string(out), endBlock) {
		got = append(got, strings.ReplaceAll(block, endCmd, ""))
	}
	if stderr.Len() > 0 {
		t.Logf("stderr of the session:\n%s", stderr.String())
	}
	return got, serverLog
}

// fleetRedisTimeout is the replicas' Redis deadline in the test: generous,
// for race-built binaries on a loaded machine (the page's replicas keep
// the default 50 ms; the deadline itself is redisstore's test).
const fleetRedisTimeout = "2s"

// start starts the fleet: a real redis-server on a free port and each
// replica on a free port, sharing it. It returns the rewrite of a command's
// addresses to theirs, and the replicas' logs.
func (fl *fleet) start(t *testing.T, bins map[string]string) (rewrite func(string) string, logs func() string) {
	rs := redistest.Start(t)
	pageRedis := "127.0.0.1:" + fl.redisPort
	hosts := map[string]string{fl.redisPort: rs.Addr}
	var servers []*e2e.Server
	for _, r := range fl.replicas {
		flags := make([]string, len(r.flags))
		for i, f := range r.flags {
			flags[i] = strings.ReplaceAll(strings.ReplaceAll(f, pageRedis, rs.Addr), "localhost:"+fl.redisPort, rs.Addr)
		}
		srv := e2e.Start(t, bins[r.door], append(flags, "-redis-timeout", fleetRedisTimeout)...)
		hosts[r.port] = strings.TrimPrefix(srv.URL, "http://")
		servers = append(servers, srv)
	}
	rewrite = func(c string) string {
		return localRe.ReplaceAllStringFunc(c, func(m string) string {
			_, port, _ := strings.Cut(m, ":")
			if h, ok := hosts[port]; ok {
				return h
			}
			return m
		})
	}
	logs = func() string {
		var b strings.Builder
		for i, srv := range servers {
			fmt.Fprintf(&b, "-- replica %d (-addr :%s):\n%s", i+1, fl.replicas[i].port, srv.Log())
		}
		return b.String()
	}
	return rewrite, logs
}

var masks = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z`), "<time>"},
	{regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`), "<uuid>"},
	{regexp.MustCompile(`\b[0-9a-f]{32}\b`), "<hex>"},
	{regexp.MustCompile(`(?m)^Date: .*$`), "Date: <date>"},
}

// normalize masks what changes from run to run and drops carriage returns
// and the blanks at the ends of lines, which a page cannot keep. Newlines
// stay as they are: an output that does not end in one does not match a
// page's block, which always does.
func normalize(s string) string {
	s = strings.ReplaceAll(s, "\r", "")
	for _, m := range masks {
		s = m.re.ReplaceAllString(s, m.with)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Join(lines, "\n")
}

var updateFlag = flag.Bool("update", false, "rewrite the output blocks of the pages with what their commands print now")

// An update replaces the content of the text block whose fence is on line
// with text.
type update struct {
	line      int
	old, text string
}

// plain is output as a page shows it: without carriage returns or
// trailing blanks, ending in one newline.
func plain(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r", ""), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n") + "\n"
}

// rewrite applies updates to a page.
func rewrite(t *testing.T, page string, us []update) {
	path := filepath.Join(root, filepath.FromSlash(page))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	sort.Slice(us, func(i, j int) bool { return us[i].line > us[j].line })
	for _, u := range us {
		n := strings.Count(u.old, "\n")
		start := u.line // the fence is lines[u.line-1]; the content follows it
		if got := strings.Join(lines[start:start+n], ""); got != u.old {
			t.Fatalf("%s:%d: the block changed while the test ran", page, u.line)
		}
		repl := strings.SplitAfter(u.text, "\n") // u.text ends in a newline: the last element is ""
		repl = repl[:len(repl)-1]
		lines = append(lines[:start:start], append(repl, lines[start+n:]...)...)
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("rewrote %d output blocks of %s", len(us), page)
}

// TestPagesRun runs every page's sandbox blocks and compares their output
// with the page's.
func TestPagesRun(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	for _, tool := range []string{"curl", "jq", "openssl"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("the pages' blocks need %s (.ci/run installs it): %v", tool, err)
		}
	}
	pages, err := mdblocks.Pages(root)
	if err != nil {
		t.Fatal(err)
	}
	type pageSession struct {
		page string
		s    *session
	}
	var all []pageSession
	bins := map[string]string{}
	for _, page := range pages {
		blocks, err := mdblocks.Read(root, page)
		if err != nil {
			t.Fatal(err)
		}
		ss, problems := sessions(page, blocks)
		for _, p := range problems {
			t.Error(p)
		}
		for _, s := range ss {
			all = append(all, pageSession{page, s})
			doors := []string{s.door}
			if s.fleet != nil {
				doors = doors[:0]
				for _, r := range s.fleet.replicas {
					doors = append(doors, r.door)
				}
			}
			for _, d := range doors {
				if bins[d] == "" {
					bins[d] = e2e.Build(t, "../../"+d)
				}
			}
		}
	}
	updates := map[string][]update{}
	for _, ps := range all {
		page, s := ps.page, ps.s
		t.Run(fmt.Sprintf("%s:%d", page, s.blocks[0].line), func(t *testing.T) {
			got, serverLog := s.run(t, bins)
			defer func() {
				if t.Failed() {
					t.Logf("the sandbox logged:\n%s", serverLog())
				}
			}()
			for i, b := range s.blocks {
				if g, w := normalize(got[i]), normalize(b.want); g != w {
					if *updateFlag && strings.HasSuffix(got[i], "\n") {
						updates[page] = append(updates[page], update{b.wantLine, b.want, plain(got[i])})
						continue
					}
					t.Errorf("%s:%d prints\n%s\nthe page shows\n%s\n(go test ./examples/internal/doctour -update rewrites the page's output blocks; an output that does not end in a newline needs curl -w '\\n')", page, b.line, g, w)
				}
			}
		})
	}
	for page, us := range updates {
		rewrite(t, page, us)
	}
	ran := len(all)
	if ran == 0 {
		t.Fatal("no page has a block that talks to the sandbox")
	}
}

// The README's tour must be among the pages run.
func TestReadmeHasATour(t *testing.T) {
	blocks, err := mdblocks.Read(root, "README.md")
	if err != nil {
		t.Fatal(err)
	}
	if ss, _ := sessions("README.md", blocks); len(ss) == 0 {
		t.Error("README.md has no curl tour the test can run")
	}
}

// TestSessionsRule checks the rule the pages are held to: a block that
// talks to an address on this machine runs, or says why it does not.
func TestSessionsRule(t *testing.T) {
	for _, c := range []struct {
		name, page string
		sessions   int
		problem    string // a substring of the one problem expected; "" for none
	}{
		{"the sandbox", "```sh\ncurl -s localhost:8080/health\n```\n\n```text\nok\n```\n", 1, ""},
		{"another port, not run", "```sh\ncurl -s localhost:9090/health\n```\n\n```text\nok\n```\n", 0, "talks to localhost:9090"},
		{"127.0.0.1, not run", "```bash\ncurl -s 127.0.0.1:8081/health\n```\n", 0, "talks to localhost:8081"},
		{"not run, with a reason", "```sh not-run: needs a TLS certificate\ncurl -s localhost:8443/health\n```\n", 0, ""},
		{"not run, no reason", "```sh not-run:\ncurl -s localhost:8443/health\n```\n", 0, "talks to localhost:8443"},
		{"the address in a comment only", "```sh\ngo run ./examples/nexpay  # on 127.0.0.1:8080\n```\n", 0, ""},
		{"no output block", "```sh\ncurl -s localhost:8080/health\n```\n", 0, "followed by a ```text block"},
		{"a fleet", "```sh\nredis-server --port 6379 &\ngo run ./examples/nethttp -addr :8081 -redis redis://127.0.0.1:6379/0 &\n" +
			"curl -s localhost:8081/health\n```\n\n```text\nok\n```\n\n```sh\ncurl -s localhost:8081/health\n```\n\n```text\nok\n```\n", 1, ""},
		{"a port the fleet does not serve", "```sh\nredis-server --port 6379 &\ngo run ./examples/nethttp -addr :8081 -redis redis://127.0.0.1:6379/0 &\n" +
			"curl -s localhost:8082/health\n```\n\n```text\nok\n```\n", 0, "talks to localhost:6379, localhost:8082"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ss, problems := sessions("page.md", mdblocks.Parse(c.page))
			if len(ss) != c.sessions {
				t.Errorf("%d sessions, want %d", len(ss), c.sessions)
			}
			switch {
			case c.problem == "" && len(problems) > 0:
				t.Errorf("problems %q, want none", problems)
			case c.problem != "" && (len(problems) != 1 || !strings.Contains(problems[0], c.problem)):
				t.Errorf("problems %q, want one with %q", problems, c.problem)
			}
		})
	}
}
