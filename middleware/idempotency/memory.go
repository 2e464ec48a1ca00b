package idempotency

import (
	"context"
	"sync"
	"time"
)

// MemoryConfig bounds a [MemoryStore].
type MemoryConfig struct {
	// MaxBytes is how much the store may grow the process's memory
	// (RSS) by: 0 means 32 MiB. Records are counted as the heap they
	// really take (key, record, headers, body, the map slot), and the
	// store keeps at most half of MaxBytes, leaving the other half to the
	// garbage collector, which lets the heap grow to twice what is live
	// (GOGC=100); past that the oldest records are evicted. With a higher
	// GOGC, give a lower MaxBytes.
	MaxBytes int64
	// MaxEntries caps the number of completed records. 0 means no cap
	// beyond MaxBytes.
	MaxEntries int
	// Now is the clock records expire by; nil means time.Now. Tests pin it.
	Now func() time.Time
}

// DefaultMaxBytes is a [MemoryStore]'s byte budget when none is given.
const DefaultMaxBytes = 32 << 20

// gcHeadroom is how much more than what is live the heap grows to under
// the default GOGC=100: a store that may cost MaxBytes holds half.
const gcHeadroom = 2

// MemoryStore is the in-memory [Store] of one process. It is bounded: when
// completed records pass the byte budget (half of [MemoryConfig.MaxBytes],
// see there) or the entry cap, the oldest are evicted, so a flood of keys
// cannot exhaust memory: 100,000 unique keys grow the process by less than
// 1.5 times MaxBytes. Keys in flight are
// never evicted (there are as many as requests running). Expired records
// are dropped as they are met and from the oldest end on every write.
type MemoryStore struct {
	mu         sync.Mutex
	m          map[string]*entry
	head, tail *entry // completed entries, oldest first
	n          int    // completed entries
	bytes      int64
	maxBytes   int64 // what records may hold: MaxBytes / gcHeadroom
	maxEntries int
	now        func() time.Time
}

type entry struct {
	key        string
	rec        *Record
	size       int64
	prev, next *entry
	done       chan struct{} // made for waiters while in flight
}

// settle wakes the requests waiting for e's first request.
func (e *entry) settle() {
	if e.done != nil {
		close(e.done)
		e.done = nil
	}
}

// NewMemoryStore returns an empty store bounded by cfg.
func NewMemoryStore(cfg MemoryConfig) *MemoryStore {
	s := &MemoryStore{m: make(map[string]*entry), maxBytes: cfg.MaxBytes, maxEntries: cfg.MaxEntries, now: cfg.Now}
	if s.maxBytes <= 0 {
		s.maxBytes = DefaultMaxBytes
	}
	s.maxBytes /= gcHeadroom
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// Claim implements [Store].
func (s *MemoryStore) Claim(_ context.Context, key string, fp Fingerprint) (*Record, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.expire(now)
	if e := s.m[key]; e != nil {
		if !e.rec.Done || now.Before(e.rec.Expires) {
			return e.rec, false, nil
		}
		s.remove(e)
	}
	s.m[key] = &entry{key: key, rec: &Record{Fingerprint: fp}}
	return nil, true, nil
}

// Complete implements [Store]. A record larger than the whole budget is
// not kept: the key is freed.
func (s *MemoryStore) Complete(_ context.Context, key string, rec *Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.m[key]
	if e == nil {
		e = &entry{key: key}
		s.m[key] = e
	} else if e.rec != nil && e.rec.Done {
		s.unlink(e)
	}
	rec.Done = true
	e.rec = rec
	e.settle()
	e.size = recordBytes(key, rec)
	s.link(e)
	s.expire(s.now())
	for s.head != nil && (s.bytes > s.maxBytes || s.maxEntries > 0 && s.n > s.maxEntries) {
		s.remove(s.head)
	}
	return nil
}

// Release implements [Store].
func (s *MemoryStore) Release(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.m[key]; e != nil {
		s.remove(e)
	}
	return nil
}

// Len returns the number of keys held, in flight or completed.
func (s *MemoryStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

// Bytes returns the bytes the records hold, as counted against the
// budget: at most half of [MemoryConfig.MaxBytes].
func (s *MemoryStore) Bytes() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bytes
}

// expire drops expired records from the oldest end. Records are listed in
// completion order, which is expiry order for one TTL; a record with a
// longer TTL behind a shorter one waits its turn or its next Claim.
func (s *MemoryStore) expire(now time.Time) {
	for s.head != nil && !now.Before(s.head.rec.Expires) {
		s.remove(s.head)
	}
}

func (s *MemoryStore) remove(e *entry) {
	if e.rec != nil && e.rec.Done {
		s.unlink(e)
	}
	e.settle()
	delete(s.m, e.key)
}

// Done implements [Notifier].
func (s *MemoryStore) Done(key string) <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.m[key]
	if e == nil || e.rec == nil || e.rec.Done {
		return nil
	}
	if e.done == nil {
		e.done = make(chan struct{})
	}
	return e.done
}

func (s *MemoryStore) link(e *entry) {
	e.prev, e.next = s.tail, nil
	if s.tail != nil {
		s.tail.next = e
	} else {
		s.head = e
	}
	s.tail = e
	s.n++
	s.bytes += e.size
}

func (s *MemoryStore) unlink(e *entry) {
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		s.head = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		s.tail = e.prev
	}
	e.prev, e.next = nil, nil
	s.n--
	s.bytes -= e.size
}
