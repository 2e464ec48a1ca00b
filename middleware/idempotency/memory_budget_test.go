package idempotency

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/errkit/errkit/middleware"
)

// floodHandler answers like a payment API: a JSON body of about 220 bytes
// with Content-Type and a Location made per request.
func floodHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := "pay_" + strconv.FormatInt(int64(len(r.Header.Get(DefaultHeader)))<<40|int64(r.ContentLength), 16)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Location", "/v2/payments/"+id)
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, `{"id":%q,"payeeId":"pye_0123456789abcdef","amount":"100.00","currency":"EUR","reference":"INV-2026-0001","status":"pending","createdAt":"2026-01-15T10:30:00.000Z","updatedAt":"2026-01-15T10:30:00.000Z"}`, id)
	})
}

func floodRequest(i int) *http.Request {
	r, _ := http.NewRequest(http.MethodPost, "/v2/payments", strings.NewReader(`{"amount":"100.00","payeeId":"pye_1"}`))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "ApiKey pk_test_1")
	r.Header.Set(DefaultHeader, fmt.Sprintf("flood-%08d-0123456789abcdef", i))
	return r
}

// TestMemoryStoreCountsTrueHeap holds what the store counts against the
// heap its records really take, measured after a collection: the budget
// is only as true as the count.
func TestMemoryStoreCountsTrueHeap(t *testing.T) {
	store := NewMemoryStore(MemoryConfig{MaxBytes: 1 << 30})
	h := mustNew(t, Config{Store: store}).Handler(floodHandler())
	const n = 20000
	w := &discard{h: http.Header{}}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range n {
		clear(w.h)
		h.ServeHTTP(w, floodRequest(i))
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if store.Len() != n {
		t.Fatalf("store holds %d keys, want %d", store.Len(), n)
	}
	heap := float64(after.HeapAlloc) - float64(before.HeapAlloc)
	ratio := float64(store.Bytes()) / heap
	t.Logf("%d records: counted %d bytes, heap grew by %.0f (count/heap %.2f)", n, store.Bytes(), heap, ratio)
	if ratio < 0.85 || ratio > 1.3 {
		t.Errorf("the store counts %.2f times the heap its records take; want about 1", ratio)
	}
	runtime.KeepAlive(store)
}

// TestMemoryStoreFloodWithinBudget sends 100,000 requests with unique
// keys through a MemoryStore of the default 32 MiB budget: what the store
// counts stays within its share of the budget, the oldest records are
// evicted to keep it so, and the count is true: the heap in use grows by
// less than 1.5 times the budget at its peak, and, after a collection,
// by about what the store counts.
func TestMemoryStoreFloodWithinBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 requests")
	}
	store := NewMemoryStore(MemoryConfig{})
	h := mustNew(t, Config{Store: store}).Handler(floodHandler())
	const n = 100000
	w := &discard{h: http.Header{}}
	var before, ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var peak uint64
	for i := range n {
		clear(w.h)
		h.ServeHTTP(w, floodRequest(i))
		if i%2000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			if b := store.Bytes(); b > DefaultMaxBytes/gcHeadroom {
				t.Fatalf("after %d keys the store counts %d bytes, over its share %d of the budget", i+1, b, DefaultMaxBytes/gcHeadroom)
			}
		}
	}
	runtime.ReadMemStats(&ms)
	peak = max(peak, ms.HeapInuse)
	if b := store.Bytes(); b > DefaultMaxBytes/gcHeadroom || b < DefaultMaxBytes/gcHeadroom*9/10 {
		t.Errorf("the store counts %d bytes; want just under its share %d of the budget", b, DefaultMaxBytes/gcHeadroom)
	}
	if store.Len() >= n {
		t.Errorf("the store kept all %d keys: nothing was evicted", store.Len())
	}
	growth := float64(peak) - float64(before.HeapInuse)
	t.Logf("%d keys: %d kept, counted %.1f MiB; heap in use grew by %.1f MiB at its peak (%.2f of the budget)",
		n, store.Len(), float64(store.Bytes())/(1<<20), growth/(1<<20), growth/DefaultMaxBytes)
	if growth > 1.5*DefaultMaxBytes {
		t.Errorf("heap in use grew by %.1f MiB, over 1.5 times the %d MiB budget", growth/(1<<20), DefaultMaxBytes>>20)
	}
	runtime.GC()
	runtime.ReadMemStats(&ms)
	live := float64(ms.HeapAlloc) - float64(before.HeapAlloc)
	ratio := float64(store.Bytes()) / live
	t.Logf("after a collection the heap holds %.1f MiB more than before: the count is %.2f of it", live/(1<<20), ratio)
	if ratio < 0.8 || ratio > 1.3 {
		t.Errorf("the store counts %.2f times the heap its records hold after a collection (%.1f MiB); want about 1", ratio, live/(1<<20))
	}
	runtime.KeepAlive(store)
}

// The child process of BenchmarkMemoryStoreFlood serves the idempotency
// middleware with a MemoryStore of the default budget on a free port.
const floodChildEnv = "ERRKIT_FLOOD_CHILD"

func init() {
	if os.Getenv(floodChildEnv) != "" {
		floodChild()
		os.Exit(0)
	}
}

func floodChild() {
	mw, err := New(Config{Store: NewMemoryStore(MemoryConfig{})})
	if err != nil {
		panic(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Println(ln.Addr())
	_ = http.Serve(ln, middleware.New().Wrap(mw.Handler(floodHandler())))
}

// rssOf returns a process's resident set in bytes.
func rssOf(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkMemoryStoreFlood sends 100,000 requests with unique keys to a
// server process of its own (the idempotency middleware over a
// MemoryStore of the default 32 MiB budget, behind errkit's middleware)
// and reports how much its RSS grew, in MiB and as a multiple of the
// budget: the budget holds when rss/budget stays under 1.5.
func BenchmarkMemoryStoreFlood(b *testing.B) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		b.Skip("needs /proc to read RSS")
	}
	const keys = 100000
	var growth int64
	for range b.N {
		growth = max(growth, floodOnce(b, keys))
	}
	b.ReportMetric(float64(growth)/(1<<20), "rss-MiB")
	b.ReportMetric(float64(growth)/DefaultMaxBytes, "rss/budget")
}

func floodOnce(b *testing.B, keys int) int64 {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), floodChildEnv+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		b.Fatal(err)
	}
	url := "http://" + strings.TrimSpace(addr)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	send := func(i int) {
		r := floodRequest(i)
		u, _ := r.URL.Parse(url + "/v2/payments")
		r.URL, r.Host = u, u.Host
		resp, err := client.Do(r)
		if err != nil {
			b.Error(err)
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			b.Errorf("status %d", resp.StatusCode)
		}
	}
	for i := range 100 { // warm up: connections, pools
		send(keys + i)
	}
	before := rssOf(cmd.Process.Pid)
	var peak int64
	var wg sync.WaitGroup
	const workers = 8
	for w := range workers {
		wg.Go(func() {
			for i := w; i < keys; i += workers {
				send(i)
				if w == 0 && i%1000 == 0 {
					if r := rssOf(cmd.Process.Pid); r > peak {
						peak = r
					}
				}
			}
		})
	}
	wg.Wait()
	peak = max(peak, rssOf(cmd.Process.Pid))
	return peak - before
}
