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
)

// root is the module's root directory, from this package's.
const root = "../../.."

// sandboxAddr is the address the pages use for the sandbox.
const sandboxAddr = "localhost:8080"

// startRe matches a block's first line that says how to start the sandbox.
var startRe = regexp.MustCompile(`^# go run \./examples/(nexpay|nethttp)((?: +\S+)*) *$`)

// A session is the blocks that run in one bash process against one server.
type session struct {
	door   string   // "nexpay" or "nethttp"
	flags  []string // the sandbox's command line
	blocks []step
}

// A step is one block to run and the output its page shows.
type step struct {
	line     int // the line of the shell block's fence
	wantLine int // the line of the text block's fence
	cmds     []string
	want     string
}

// sessions reads a page's runnable blocks into sessions.
func sessions(t *testing.T, page string, blocks []mdblocks.Block) []*session {
	var out []*session
	for i, b := range blocks {
		if b.Lang == "console" && strings.Contains(b.Text, sandboxAddr) {
			t.Errorf("%s:%d: write a session with the sandbox as a ```sh block of commands and a ```text block of their output, so it can be copied and run", page, b.Line)
		}
		if !isShell(b.Lang) || !strings.Contains(b.Text, sandboxAddr) {
			continue
		}
		if i+1 >= len(blocks) || blocks[i+1].Lang != "text" {
			t.Errorf("%s:%d: a block that talks to the sandbox must be followed by a ```text block of its output", page, b.Line)
			continue
		}
		first, _, _ := strings.Cut(b.Text, "\n")
		if m := startRe.FindStringSubmatch(first); m != nil {
			out = append(out, &session{door: m[1], flags: strings.Fields(m[2])})
		} else if strings.HasPrefix(first, "# go run") {
			t.Errorf("%s:%d: %q does not say how to start the sandbox as the convention does", page, b.Line, first)
			continue
		} else if len(out) == 0 {
			out = append(out, &session{door: "nexpay"})
		}
		s := out[len(out)-1]
		s.blocks = append(s.blocks, step{line: b.Line, wantLine: blocks[i+1].Line, cmds: commands(b.Text), want: blocks[i+1].Text})
	}
	return out
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
func (s *session) run(t *testing.T, bin string) (got []string, serverLog func() string) {
	srv := e2e.Start(t, bin, s.flags...)
	s.waitForBudget()
	host := strings.TrimPrefix(srv.URL, "http://")
	var script strings.Builder
	for _, b := range s.blocks {
		for _, c := range b.cmds {
			fmt.Fprintf(&script, "%s\nprintf '\\036'\n", strings.ReplaceAll(c, sandboxAddr, host))
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
	for _, block := range strings.Split(string(out), endBlock) {
		var b strings.Builder
		for _, c := range strings.Split(block, endCmd) {
			b.WriteString(c)
			if c != "" && !strings.HasSuffix(c, "\n") {
				b.WriteString("\n")
			}
		}
		got = append(got, b.String())
	}
	if stderr.Len() > 0 {
		t.Logf("stderr of the session:\n%s", stderr.String())
	}
	return got, srv.Log
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

// normalize masks what changes from run to run and drops carriage returns,
// trailing blanks and trailing empty lines.
func normalize(s string) string {
	s = strings.ReplaceAll(s, "\r", "")
	for _, m := range masks {
		s = m.re.ReplaceAllString(s, m.with)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
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
		for _, s := range sessions(t, page, blocks) {
			all = append(all, pageSession{page, s})
			if bins[s.door] == "" {
				bins[s.door] = e2e.Build(t, "../../"+s.door)
			}
		}
	}
	updates := map[string][]update{}
	for _, ps := range all {
		page, s := ps.page, ps.s
		t.Run(fmt.Sprintf("%s:%d", page, s.blocks[0].line), func(t *testing.T) {
			got, serverLog := s.run(t, bins[s.door])
			defer func() {
				if t.Failed() {
					t.Logf("the sandbox logged:\n%s", serverLog())
				}
			}()
			for i, b := range s.blocks {
				if g, w := normalize(got[i]), normalize(b.want); g != w {
					if *updateFlag {
						updates[page] = append(updates[page], update{b.wantLine, b.want, plain(got[i])})
						continue
					}
					t.Errorf("%s:%d prints\n%s\nthe page shows\n%s\n(go test ./examples/internal/doctour -update rewrites the page's output blocks)", page, b.line, g, w)
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
	if len(sessions(t, "README.md", blocks)) == 0 {
		t.Error("README.md has no curl tour the test can run")
	}
}
