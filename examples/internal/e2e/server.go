package e2e

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Build compiles the main package in dir into a temporary directory and
// returns the binary's path; with -race, the binary is built with it too.
func Build(t *testing.T, dir string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the server with")
	}
	bin := filepath.Join(t.TempDir(), "server")
	args := []string{"build", "-o", bin}
	if raceEnabled {
		args = append(args, "-race")
	}
	cmd := exec.Command(goBin, append(args, dir)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", dir, err, out)
	}
	return bin
}

// BuildAll compiles the main packages of dirs in one go build, which
// compiles what they share once, and returns each binary's path by the
// last element of its directory; with -race, the binaries are built with
// it too.
func BuildAll(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the servers with")
	}
	out := t.TempDir()
	args := []string{"build", "-o", out + string(filepath.Separator)}
	if raceEnabled {
		args = append(args, "-race")
	}
	cmd := exec.Command(goBin, append(args, dirs...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %v: %v\n%s", dirs, err, b)
	}
	bins := map[string]string{}
	for _, d := range dirs {
		name := filepath.Base(d)
		bins[name] = filepath.Join(out, name)
	}
	return bins
}

// A Server is a running server binary.
type Server struct {
	URL  string
	cmd  *exec.Cmd
	log  *logBuffer
	done chan error
	exit atomic.Bool // Wait saw the process exit
}

// logBuffer collects the server's log lines.
type logBuffer struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	lines chan string
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var listenRe = regexp.MustCompile(`msg=listening addr=(\S+)`)

// startTimeout bounds how long a server may take to print its address; it
// guards the test against a hung binary, it measures nothing.
const startTimeout = 30 * time.Second

// Start runs bin on a free port with the given extra flags and waits for
// the address it logs. The server is stopped at the end of the test.
func Start(t *testing.T, bin string, flags ...string) *Server {
	t.Helper()
	return StartAll(t, bin, flags)[0]
}

// StartAll is [Start] for several servers of bin at once, one per flag
// set: they start side by side, each waited for in turn.
func StartAll(t *testing.T, bin string, flagSets ...[]string) []*Server {
	t.Helper()
	return startAll(t, bin, true, flagSets...)
}

// startAll is StartAll; document false skips checking the servers' API
// document and holding their answers to it (see checkDocument).
func startAll(t *testing.T, bin string, document bool, flagSets ...[]string) []*Server {
	t.Helper()
	servers := make([]*Server, len(flagSets))
	addrs := make([]chan string, len(flagSets))
	for i, flags := range flagSets {
		servers[i], addrs[i] = launch(t, bin, flags)
	}
	for i, s := range servers {
		select {
		case a := <-addrs[i]:
			s.URL = "http://" + a
		case err := <-s.done:
			s.exit.Store(true)
			t.Fatalf("%s exited before listening: %v\n%s", bin, err, s.log)
		case <-time.After(startTimeout):
			t.Fatalf("%s did not print its address\n%s", bin, s.log)
		}
		if !document {
			continue
		}
		contract, flags := "nexpay", flagSets[i]
		for j, f := range flags {
			if f == "-contract" && j+1 < len(flags) {
				contract = flags[j+1]
			}
		}
		checkDocument(t, s, contract)
	}
	return servers
}

// launch starts bin with flags on a free port; the channel receives the
// address it logs. The server is stopped at the end of the test.
func launch(t *testing.T, bin string, flags []string) (*Server, chan string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, flags...)...)
	// A race-enabled binary sleeps a second before it exits unless told not to.
	cmd.Env = append(os.Environ(), "GORACE="+strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &Server{cmd: cmd, log: &logBuffer{lines: make(chan string, 1024)}, done: make(chan error, 1)}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			s.log.mu.Lock()
			s.log.buf.WriteString(line + "\n")
			s.log.mu.Unlock()
			if m := listenRe.FindStringSubmatch(line); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
			select {
			case s.log.lines <- line:
			default:
			}
		}
		s.done <- cmd.Wait()
	}()
	t.Cleanup(func() {
		if !s.exit.Load() {
			_ = s.cmd.Process.Kill()
			<-s.done
		}
	})
	return s, addr
}

// Log returns what the server logged so far.
func (s *Server) Log() string { return s.log.String() }

// WaitLog waits until the server logs a line containing substr.
func (s *Server) WaitLog(t *testing.T, substr string) {
	t.Helper()
	deadline := time.After(startTimeout)
	for !strings.Contains(s.Log(), substr) {
		select {
		case <-s.log.lines:
		case <-time.After(10 * time.Millisecond):
		case <-deadline:
			t.Fatalf("server never logged %q\n%s", substr, s.Log())
		}
	}
}

// Signal sends sig to the server.
func (s *Server) Signal(t *testing.T, sig os.Signal) {
	t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
}

// Stop sends SIGTERM and checks that the server shuts down cleanly: exit
// status 0, after logging that it stopped.
func (s *Server) Stop(t *testing.T) {
	t.Helper()
	client.CloseIdleConnections()
	s.Signal(t, syscall.SIGTERM)
	s.Wait(t)
}

// Wait waits for the server to exit and checks that it did so cleanly.
func (s *Server) Wait(t *testing.T) {
	t.Helper()
	select {
	case err := <-s.done:
		s.exit.Store(true)
		if err != nil {
			t.Fatalf("server exited with %v\n%s", err, s.Log())
		}
	case <-time.After(startTimeout):
		_ = s.cmd.Process.Kill()
		t.Fatalf("server did not stop after SIGTERM\n%s", s.Log())
	}
	if !strings.Contains(s.Log(), "msg=stopped") {
		t.Fatalf("server exited without logging that it stopped\n%s", s.Log())
	}
}
