// Package slab cuts small slices from shared batches, so that many short
// slices cost one allocation between them.
//
// A batch is only ever cut forward: a slice handed out is never handed out
// again, and no byte of it is written by the slab afterwards, so the
// caller owns it as if it came from make. When a batch has too little room
// left, a new one is allocated and the old one is left to the slices cut
// from it. The price is memory: a slice keeps its whole batch alive, which
// is why batches are 4 to 16 KiB and meant for values that live about as
// long as a request.
//
// Batches are kept in a [sync.Pool], so each goroutine cuts from a batch
// no other goroutine holds at the time.
package slab

import (
	"sync"
	"unsafe"
)

// A Slab hands out slices of T cut from batches of size elements.
type Slab[T any] struct {
	size int
	pool sync.Pool // of *[]T: the part of a batch not handed out yet
}

// New returns a slab whose batches hold size elements.
func New[T any](size int) *Slab[T] {
	return &Slab[T]{size: size}
}

// Make returns a zeroed slice of length and capacity n. A slice of more
// than a quarter of a batch is allocated on its own, so a large request
// does not waste the rest of one.
func (s *Slab[T]) Make(n int) []T {
	if n <= 0 {
		return nil
	}
	if n > s.size/4 {
		return make([]T, n)
	}
	p, _ := s.pool.Get().(*[]T)
	if p == nil {
		p = new([]T)
	}
	if len(*p) < n {
		*p = make([]T, s.size)
	}
	out := (*p)[:n:n]
	*p = (*p)[n:]
	s.pool.Put(p)
	return out
}

// Bytes is a slab of bytes that turns what is written into it into
// strings without a copy. A string takes from its batch only the bytes it
// has, not the room asked for.
type Bytes struct {
	size int
	pool sync.Pool // of *[]byte: the free part of a batch, length 0
}

// NewBytes returns a slab of bytes whose batches hold size bytes.
func NewBytes(size int) *Bytes { return &Bytes{size: size} }

// A Builder appends one string to a batch of a [Bytes]. It holds the
// batch from [Bytes.Start] to [Builder.String], so no other string is cut
// from it meanwhile.
type Builder struct {
	// B is the string's bytes: append to it. Appending past the room
	// asked for is allowed: append then moves the bytes to an array of
	// their own.
	B     []byte
	batch *[]byte
	from  *Bytes
}

// Start returns a Builder with room for at least n bytes.
func (b *Bytes) Start(n int) Builder {
	if n > b.size/4 {
		return Builder{B: make([]byte, 0, n)}
	}
	p, _ := b.pool.Get().(*[]byte)
	if p == nil {
		p = new([]byte)
	}
	if cap(*p) < n {
		*p = make([]byte, 0, b.size)
	}
	return Builder{B: *p, batch: p, from: b}
}

// String returns the bytes appended as a string, without a copy, and
// gives the batch back, less those bytes. It must be called once, and
// the Builder not used after.
func (w Builder) String() string {
	if w.batch != nil {
		free := *w.batch
		if unsafe.SliceData(w.B) == unsafe.SliceData(free) && len(w.B) <= cap(free) {
			*w.batch = free[len(w.B):len(w.B)] // still in the batch: cut it off
		}
		w.from.pool.Put(w.batch)
	}
	return unsafe.String(unsafe.SliceData(w.B), len(w.B))
}
