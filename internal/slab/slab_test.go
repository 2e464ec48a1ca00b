package slab

import (
	"strconv"
	"sync"
	"testing"

	"github.com/errkit/errkit/internal/allocs"
)

func TestMakeHandsOutDisjointZeroedSlices(t *testing.T) {
	s := New[int](64)
	var got [][]int
	for i := range 100 {
		n := i%16 + 1
		b := s.Make(n)
		if len(b) != n || cap(b) != n {
			t.Fatalf("Make(%d): len %d cap %d", n, len(b), cap(b))
		}
		for j, v := range b {
			if v != 0 {
				t.Fatalf("Make(%d)[%d] = %d, want zeroed", n, j, v)
			}
			b[j] = i + 1 // mark it as ours
		}
		got = append(got, b)
	}
	for i, b := range got {
		for j, v := range b {
			if v != i+1 {
				t.Fatalf("slice %d element %d = %d: another slice was cut over it", i, j, v)
			}
		}
	}
}

func TestMakeAppendPastCapacityCopies(t *testing.T) {
	s := New[int](64)
	a := s.Make(2)
	b := s.Make(2)
	b[0], b[1] = 7, 8
	a = append(a, 1) // must not run into b
	if b[0] != 7 || b[1] != 8 || len(a) != 3 {
		t.Fatalf("append wrote into the next slice: a %v, b %v", a, b)
	}
}

func TestMakeSizes(t *testing.T) {
	s := New[int](64)
	if b := s.Make(0); b != nil {
		t.Errorf("Make(0) = %v, want nil", b)
	}
	if b := s.Make(-1); b != nil {
		t.Errorf("Make(-1) = %v, want nil", b)
	}
	if b := s.Make(17); len(b) != 17 || cap(b) != 17 {
		t.Errorf("Make(17) of a 64 slab: len %d cap %d", len(b), cap(b))
	}
}

func TestMakeConcurrent(t *testing.T) {
	s := New[int](32)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			mine := make([][]int, 0, 500)
			for i := range 500 {
				b := s.Make(3)
				for j := range b {
					b[j] = g*1000 + i
				}
				mine = append(mine, b)
			}
			for i, b := range mine {
				for _, v := range b {
					if v != g*1000+i {
						t.Errorf("goroutine %d slice %d holds %d: shared with another", g, i, v)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

func TestBuilder(t *testing.T) {
	b := NewBytes(64)
	build := func(n int, s string) string {
		w := b.Start(n)
		w.B = append(w.B, s...)
		return w.String()
	}
	x := build(5, "hello")
	y := build(5, "world, longer than the five asked for") // moves out
	z := build(16, "again")                                // takes five of the sixteen asked for
	e := build(0, "")
	u := build(40, "more than a quarter of a batch") // an array of its own
	if x != "hello" || y != "world, longer than the five asked for" || z != "again" || e != "" || u != "more than a quarter of a batch" {
		t.Fatalf("got %q %q %q %q %q", x, y, z, e, u)
	}
	// A batch gives only what was written (a 64-byte batch holds ten of
	// these 5-byte strings, not four of 16), and each string is still
	// itself after the others.
	var got []string
	for i := range 30 {
		got = append(got, build(16, strconv.Itoa(10000+i)))
	}
	for i, s := range got {
		if s != strconv.Itoa(10000+i) {
			t.Fatalf("string %d reads %q", i, s)
		}
	}
}

func TestBuilderConcurrent(t *testing.T) {
	b := NewBytes(256)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			var mine []string
			for i := range 500 {
				w := b.Start(8)
				w.B = strconv.AppendInt(w.B, int64(g*1000000+i), 10)
				mine = append(mine, w.String())
			}
			for i, s := range mine {
				if s != strconv.Itoa(g*1000000+i) {
					t.Errorf("goroutine %d string %d reads %q", g, i, s)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector drops sync.Pool items at random")
	}
	var sinkS []string
	var sinkT string
	s := New[string](256)
	// A batch of 256 holds 64 of 4 and costs one allocation, its array
	// (and a box, the first time or after a GC emptied the pool).
	if n := allocs.PerCall(10000, func() { sinkS = s.Make(4) }); n > 1.1/64 {
		t.Errorf("Make(4) of a 256 slab: %.4f allocations per call, want about 1/64", n)
	}
	b := NewBytes(4096)
	build := func() {
		w := b.Start(20)
		w.B = append(w.B, "123456"...)
		sinkT = w.String()
	}
	if n := allocs.PerCall(10000, build); n > 1.1/682 {
		t.Errorf("a 6-byte string: %.4f allocations per call, want about 1/682 (6 bytes of 4096)", n)
	}
	_, _ = sinkS, sinkT
}

func BenchmarkMake(b *testing.B) {
	s := New[string](256)
	b.ReportAllocs()
	for b.Loop() {
		_ = s.Make(4)
	}
}

func BenchmarkMakeAlone(b *testing.B) {
	b.ReportAllocs()
	var sink []string
	for b.Loop() {
		sink = make([]string, 4)
	}
	_ = sink
}
