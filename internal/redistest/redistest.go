// Package redistest starts real redis-server processes for tests: on a
// free port, without persistence (unless the test asks for it), stopped
// when the test ends, and killable and restartable mid-test to exercise
// what a fleet does when Redis fails.
package redistest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// A Server is one redis-server process the test owns.
type Server struct {
	t    testing.TB
	Addr string // host:port
	dir  string
	args []string

	mu  sync.Mutex
	cmd *exec.Cmd
}

// Binary returns the path of redis-server, or skips t when it is absent
// and the CI environment variable is unset; under CI a missing
// redis-server fails t.
func Binary(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("redis-server")
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("redis-server is not installed, and CI is set: .ci/run installs it (apt-get install redis-server)")
	}
	t.Skip("redis-server is not installed (apt-get install redis-server); set CI=1 to make this a failure")
	return ""
}

// Start starts a redis-server on a free port with extra arguments (such
// as "--cluster-enabled", "yes"; later arguments override the defaults,
// so "--appendonly", "yes" gives persistence) and stops it when t ends.
func Start(t testing.TB, extra ...string) *Server {
	t.Helper()
	bin := Binary(t)
	s := &Server{t: t, dir: t.TempDir()}
	var lastErr error
	for range 5 {
		port, err := freePort()
		if err != nil {
			t.Fatal(err)
		}
		s.Addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
		s.args = append([]string{
			"--port", strconv.Itoa(port), "--bind", "127.0.0.1",
			"--save", "", "--appendonly", "no", "--dir", s.dir,
			"--enable-debug-command", "local", "--loglevel", "warning",
		}, extra...)
		if lastErr = s.start(bin); lastErr == nil {
			t.Cleanup(s.Kill)
			return s
		}
	}
	t.Fatalf("redis-server did not start: %v", lastErr)
	return nil
}

// start runs the process and waits until it answers PING.
func (s *Server) start(bin string) error {
	cmd := exec.Command(bin, s.args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return fmt.Errorf("redis-server exited: %s", out.String())
		default:
		}
		if ping(s.Addr) == nil {
			s.mu.Lock()
			s.cmd = cmd
			s.mu.Unlock()
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	_ = cmd.Process.Kill()
	<-exited
	return errors.New("redis-server did not answer PING within 5s")
}

// Kill stops the server with SIGKILL, as a crash would, and waits until
// its port is closed. Killing a stopped server does nothing.
func (s *Server) Kill() {
	s.mu.Lock()
	cmd := s.cmd
	s.cmd = nil
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	for range 500 {
		if ping(s.Addr) != nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Restart starts a killed server again on the same port, empty.
func (s *Server) Restart() {
	s.t.Helper()
	bin := Binary(s.t)
	var err error
	for range 50 {
		if err = s.start(bin); err == nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.t.Fatalf("redis-server did not restart on %s: %v", s.Addr, err)
}

// URL returns the redis:// URL of the server's database 0.
func (s *Server) URL() string { return "redis://" + s.Addr + "/0" }

// Client returns a client of the server that honours context deadlines,
// closed when the test ends.
func (s *Server) Client() *redis.Client {
	c := redis.NewClient(&redis.Options{Addr: s.Addr, ContextTimeoutEnabled: true})
	s.t.Cleanup(func() { _ = c.Close() })
	return c
}

// Do sends one command on a connection of its own and returns the reply's
// first line: for the test's own control commands (DEBUG SLEEP, FLUSHALL,
// CONFIG SET), outside any client's pool.
func (s *Server) Do(args ...string) (string, error) {
	conn, err := net.DialTimeout("tcp", s.Addr, time.Second)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	if _, err := conn.Write([]byte(b.String())); err != nil {
		return "", err
	}
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	line, err := bufio.NewReader(conn).ReadString('\n')
	return strings.TrimSpace(line), err
}

// Sleep makes the server unresponsive for d (DEBUG SLEEP) without waiting:
// a slow Redis. It returns once the server is asleep.
func (s *Server) Sleep(d time.Duration) {
	s.t.Helper()
	errc := make(chan error, 1)
	go func() {
		_, err := s.Do("DEBUG", "SLEEP", strconv.FormatFloat(d.Seconds(), 'f', 3, 64))
		errc <- err
	}()
	// The sleep has begun when a PING goes unanswered.
	for range 100 {
		select {
		case err := <-errc:
			if err != nil {
				s.t.Fatalf("DEBUG SLEEP: %v", err)
			}
			return
		default:
		}
		if pingWithin(s.Addr, 20*time.Millisecond) != nil {
			return
		}
	}
}

// StartCluster starts n redis-server processes in cluster mode and joins
// them into one cluster with redis-cli, all slots served, no replicas. It
// returns their addresses.
func StartCluster(t testing.TB, n int) []string {
	t.Helper()
	cli, err := exec.LookPath("redis-cli")
	if err != nil {
		Binary(t)
		if os.Getenv("CI") != "" {
			t.Fatal("redis-cli is not installed, and CI is set")
		}
		t.Skip("redis-cli is not installed")
	}
	addrs := make([]string, n)
	for i := range addrs {
		s := Start(t, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000")
		addrs[i] = s.Addr
	}
	args := append([]string{"--cluster", "create"}, addrs...)
	args = append(args, "--cluster-yes")
	if out, err := exec.Command(cli, args...).CombinedOutput(); err != nil {
		t.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	// Every node must know every slot before clients route by them.
	deadline := time.Now().Add(10 * time.Second)
	for _, a := range addrs {
		for {
			c := redis.NewClient(&redis.Options{Addr: a})
			info, err := c.ClusterInfo(context.Background()).Result()
			_ = c.Close()
			if err == nil && strings.Contains(info, "cluster_state:ok") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("cluster node %s not ready: %v %s", a, err, info)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	return addrs
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func ping(addr string) error { return pingWithin(addr, 200*time.Millisecond) }

// pingWithin sends a PING and expects +PONG within d.
func pingWithin(addr string, d time.Duration) error {
	conn, err := net.DialTimeout("tcp", addr, d)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(d))
	if _, err := conn.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "+PONG") {
		return fmt.Errorf("PING answered %q", line)
	}
	return nil
}
