package redisstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/errkit/errkit/middleware/idempotency"
	"github.com/redis/go-redis/v9"
)

// Defaults of a [StoreConfig].
const (
	DefaultLease    = time.Minute
	DefaultWaitPoll = 100 * time.Millisecond
)

// StoreConfig configures a [Store].
type StoreConfig struct {
	// Options are the settings every piece shares: prefix, timeout,
	// logger, error hook.
	Options
	// Lease is how long a claim holds without completion: a replica that
	// dies mid-request leaves its key in flight for this long, then the
	// key is free again. It must exceed the longest a handler can run
	// (the server's write timeout, the handler's own deadline), or a
	// second request may run while the first is still going. 0 means one
	// minute.
	Lease time.Duration
	// WaitPoll bounds how long a request waiting for a key in flight
	// ([idempotency.Config.Wait]) sleeps between two looks at the key,
	// should the completion's pub/sub message be missed (a replica that
	// died, a reconnect). 0 means 100 ms.
	WaitPoll time.Duration
}

// Store is an [idempotency.Store] on Redis, shared by every replica that
// uses the same Redis and prefix. A claim is one round trip: a Lua script
// that either records the key in flight with a random token and the
// lease, or returns the key's record (replayed in the same round trip).
// Completion and release are one more, guarded by the token, so that a
// holder whose lease ended cannot overwrite a newer claim. Completion and
// release publish the key, waking the requests that wait for it on any
// replica ([idempotency.Notifier]).
//
// When Redis fails or answers later than [Options.Timeout], Claim returns
// the error and the middleware answers the contract's 503 (with
// Retry-After): a keyed request is never run without a claim. A claim
// whose completion failed stays in flight until its lease ends. A Redis
// that restarts without its data forgets the claims in flight, and a key
// retried meanwhile runs again: run it with appendfsync always where that
// matters.
type Store struct {
	rdb      redis.UniversalClient
	opt      Options
	lease    time.Duration
	waitPoll time.Duration
	prefix   string // of the records: <Prefix>idem:
	channel  string // completions and releases are published here
	fails    *failures

	mu      sync.Mutex
	held    map[string]held    // keys this process claimed and has not settled
	waiters map[string]*waiter // keys requests here wait for
	sub     *redis.PubSub      // started by the first wait
	stop    context.CancelFunc // ends the subscription
	subDone chan struct{}      // closed when the subscription's loop ends
	closed  bool
}

// held is a claim of this process: its token guards the completion; its
// lease ends at until, when a claim whose completion failed is forgotten.
type held struct {
	token string
	fp    idempotency.Fingerprint
	until time.Time
}

// waiter is one key requests wait for: ch closes at its completion, its
// release, or after WaitPoll.
type waiter struct {
	ch    chan struct{}
	timer *time.Timer
}

var (
	_ idempotency.Store    = (*Store)(nil)
	_ idempotency.Notifier = (*Store)(nil)
)

// NewStore returns a Store on rdb, which must honour context deadlines
// (see [NewClient]).
func NewStore(rdb redis.UniversalClient, cfg StoreConfig) (*Store, error) {
	if err := checkClient(rdb); err != nil {
		return nil, err
	}
	if cfg.Lease < 0 || cfg.WaitPoll < 0 {
		return nil, errors.New("redisstore: negative Lease or WaitPoll")
	}
	o := cfg.Options.withDefaults()
	s := &Store{
		rdb:      rdb,
		opt:      o,
		lease:    cfg.Lease,
		waitPoll: cfg.WaitPoll,
		prefix:   o.Prefix + "idem:",
		channel:  o.Prefix + "idem:settled",
		fails:    newFailures("idempotency", o),
		held:     make(map[string]held),
		waiters:  make(map[string]*waiter),
	}
	if s.lease == 0 {
		s.lease = DefaultLease
	}
	if s.waitPoll == 0 {
		s.waitPoll = DefaultWaitPoll
	}
	return s, nil
}

// redisKey is key's record, its hash tag the key itself (or its hash if
// the key holds a brace), so that everything kept for one key sits in one
// cluster slot.
func (s *Store) redisKey(key string) string {
	tag := key
	if strings.ContainsAny(key, "{}") || tag == "" {
		h := sha256.Sum256([]byte(key))
		tag = hex.EncodeToString(h[:16])
	}
	return s.prefix + "{" + tag + "}"
}

// claimScript claims KEYS[1] for token ARGV[1] and fingerprint ARGV[2]
// with a lease of ARGV[3] ms, and returns the token; or, if the key is
// taken, returns its record: fingerprint, then status, headers, body and
// expiry (false while in flight). Answering with the token, not a bare 1,
// means no other reply can pass for a claim.
var claimScript = redis.NewScript(`
local r = redis.call('HMGET', KEYS[1], 'f', 's', 'h', 'b', 'e')
if r[1] then
	return r
end
redis.call('HSET', KEYS[1], 'f', ARGV[2], 't', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return ARGV[1]
`)

// completeScript stores the response of KEYS[1] if the key is held by
// token ARGV[1] or free (a lease that ended with nobody claiming since),
// to expire in ARGV[7] ms, publishes ARGV[9] on channel ARGV[8] and
// returns "stored"; it returns 0 if another claim or a completed record
// holds the key.
var completeScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('HGET', KEYS[1], 't') ~= ARGV[1] then
	return 0
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'f', ARGV[2], 's', ARGV[3], 'h', ARGV[4], 'b', ARGV[5], 'e', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('PUBLISH', ARGV[8], ARGV[9])
return 'stored'
`)

// releaseScript deletes KEYS[1] if token ARGV[1] holds it and publishes
// ARGV[3] on channel ARGV[2].
var releaseScript = redis.NewScript(`
if redis.call('HGET', KEYS[1], 't') == ARGV[1] then
	redis.call('DEL', KEYS[1])
	redis.call('PUBLISH', ARGV[2], ARGV[3])
	return 1
end
return 0
`)

// Claim implements [idempotency.Store] in one round trip. A key this
// process holds is reported in flight without asking Redis: its request
// is still running here. While Redis fails, one claim at a time tries it
// and the others fail at once with [ErrFailing].
func (s *Store) Claim(ctx context.Context, key string, fp idempotency.Fingerprint) (*idempotency.Record, bool, error) {
	s.mu.Lock()
	if h, ok := s.held[key]; ok {
		s.mu.Unlock()
		return &idempotency.Record{Fingerprint: h.fp}, false, nil
	}
	s.mu.Unlock()
	ok, probe := s.fails.enter()
	if !ok {
		s.fails.skip("claim")
		return nil, false, ErrFailing
	}
	defer s.fails.leave(probe)
	token := rand.Text()
	until := time.Now().Add(s.lease)
	cctx, cancel := context.WithTimeout(ctx, s.opt.Timeout)
	defer cancel()
	v, err := claimScript.Run(cctx, s.rdb, []string{s.redisKey(key)}, token, fp[:], s.lease.Milliseconds()).Result()
	if err != nil {
		if ctx.Err() == nil { // not a client that went away
			s.fails.fail("claim", err)
		}
		return nil, false, fmt.Errorf("redisstore: claim: %w", err)
	}
	s.fails.ok()
	if tok, ok := v.(string); ok {
		if tok != token {
			return nil, false, fmt.Errorf("redisstore: claim: unexpected reply %q", tok)
		}
		s.mu.Lock()
		s.held[key] = held{token: token, fp: fp, until: until}
		s.mu.Unlock()
		return nil, true, nil
	}
	rec, err := decodeRecord(v)
	if err != nil {
		return nil, false, fmt.Errorf("redisstore: claim: %w", err)
	}
	return rec, false, nil
}

// decodeRecord reads the claim script's answer for a taken key.
func decodeRecord(v any) (*idempotency.Record, error) {
	r, ok := v.([]any)
	if !ok || len(r) != 5 {
		return nil, fmt.Errorf("unexpected reply %T", v)
	}
	rec := new(idempotency.Record)
	f, _ := r[0].(string)
	if len(f) != len(rec.Fingerprint) {
		return nil, errors.New("malformed fingerprint")
	}
	copy(rec.Fingerprint[:], f)
	st, _ := r[1].(string)
	if st == "" {
		return rec, nil // in flight
	}
	status, err := strconv.Atoi(st)
	if err != nil {
		return nil, fmt.Errorf("malformed status: %w", err)
	}
	if status < 200 || status > 999 { // net/http panics on a status past 999
		return nil, fmt.Errorf("malformed status %d", status)
	}
	rec.Done, rec.Status = true, status
	if h, _ := r[2].(string); h != "" {
		if rec.Header, err = decodeHeader(h); err != nil {
			return nil, fmt.Errorf("malformed headers: %w", err)
		}
	}
	if b, _ := r[3].(string); b != "" {
		rec.Body = []byte(b)
	}
	e, _ := r[4].(string)
	ms, err := strconv.ParseInt(e, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("malformed expiry: %w", err)
	}
	rec.Expires = time.UnixMilli(ms)
	return rec, nil
}

// encodeHeader is a record's headers as they are stored, nil for none:
// each name, then its values, each string preceded by its length (and
// each name's values by their number) as a uvarint. Header values are
// bytes, not always UTF-8 (a Latin-1 filename), and come back as sent,
// which JSON would not promise.
func encodeHeader(h http.Header) ([]byte, error) {
	if len(h) == 0 {
		return nil, nil
	}
	names := make([]string, 0, len(h))
	size := 0
	for name, vs := range h {
		names = append(names, name)
		size += 2*binary.MaxVarintLen32 + len(name)
		for _, v := range vs {
			size += binary.MaxVarintLen32 + len(v)
		}
	}
	slices.Sort(names)
	b := make([]byte, 0, size)
	for _, name := range names {
		vs := h[name]
		b = binary.AppendUvarint(b, uint64(len(name)))
		b = append(b, name...)
		b = binary.AppendUvarint(b, uint64(len(vs)))
		for _, v := range vs {
			b = binary.AppendUvarint(b, uint64(len(v)))
			b = append(b, v...)
		}
	}
	return b, nil
}

var errHeader = errors.New("truncated or overlong")

// decodeHeader reads headers encodeHeader stored.
func decodeHeader(s string) (http.Header, error) {
	h := make(http.Header)
	next := func() (uint64, bool) {
		n, w := uvarint(s)
		if w <= 0 {
			return 0, false
		}
		s = s[w:]
		return n, true
	}
	str := func() (string, bool) {
		n, ok := next()
		if !ok || n > uint64(len(s)) {
			return "", false
		}
		v := s[:n]
		s = s[n:]
		return v, true
	}
	for s != "" {
		name, ok := str()
		if !ok {
			return nil, errHeader
		}
		n, ok := next()
		if !ok || n > uint64(len(s)) { // every value takes a byte at least
			return nil, errHeader
		}
		vs := make([]string, n)
		for i := range vs {
			if vs[i], ok = str(); !ok {
				return nil, errHeader
			}
		}
		h[name] = vs
	}
	return h, nil
}

// uvarint is binary.Uvarint of a string.
func uvarint(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		c := s[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				return 0, -(i + 1)
			}
			return x | uint64(c)<<shift, i + 1
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
	return 0, 0
}

// errLost is Complete's error when the key is no longer this claim's.
var errLost = errors.New("redisstore: the claim's lease ended and the key was claimed again: response not stored")

// Complete implements [idempotency.Store]: it stores rec if this
// process's claim still holds the key, or if the key is free. It returns
// an error, and stores nothing, if the lease ended and another request
// claimed the key since.
//
// When Redis fails, the claim is kept, so that Complete may be tried
// again with its token; the middleware tries once more and then leaves
// the key claimed (never released: its response was sent). The key stays
// in flight, here and on every replica, until its lease ends.
func (s *Store) Complete(ctx context.Context, key string, rec *idempotency.Record) error {
	s.mu.Lock()
	h, claimed := s.held[key]
	s.mu.Unlock()
	header, err := encodeHeader(rec.Header)
	if err != nil {
		return err
	}
	ttl := time.Until(rec.Expires).Milliseconds()
	if ttl < 1 {
		ttl = 1
	}
	cctx, cancel := context.WithTimeout(ctx, s.opt.Timeout)
	defer cancel()
	v, err := completeScript.Run(cctx, s.rdb, []string{s.redisKey(key)},
		h.token, rec.Fingerprint[:], rec.Status, header, rec.Body, rec.Expires.UnixMilli(), ttl, s.channel, key).Result()
	if err != nil {
		if ctx.Err() == nil { // not a client that went away
			s.fails.fail("complete", err)
		}
		if claimed {
			// Forgotten here when its lease ends in Redis, unless a
			// retry settles it first.
			time.AfterFunc(time.Until(h.until), func() { s.forget(key, h) })
		}
		return fmt.Errorf("redisstore: complete: %w", err)
	}
	s.fails.ok()
	if claimed {
		s.mu.Lock()
		if s.held[key] == h {
			delete(s.held, key)
		}
		s.mu.Unlock()
	}
	switch v {
	case "stored":
		return nil
	case int64(0):
		return errLost
	}
	return fmt.Errorf("redisstore: complete: unexpected reply %v", v)
}

// forget drops claim h of key, if it is still key's.
func (s *Store) forget(key string, h held) {
	s.mu.Lock()
	if s.held[key] == h {
		delete(s.held, key)
	}
	s.mu.Unlock()
}

// Release implements [idempotency.Store]: it frees the key if this
// process's claim still holds it. The claim is forgotten here even if
// Redis fails; its lease then frees the key.
func (s *Store) Release(ctx context.Context, key string) error {
	s.mu.Lock()
	h, claimed := s.held[key]
	delete(s.held, key)
	s.mu.Unlock()
	if !claimed {
		return nil
	}
	cctx, cancel := context.WithTimeout(ctx, s.opt.Timeout)
	defer cancel()
	if err := releaseScript.Run(cctx, s.rdb, []string{s.redisKey(key)}, h.token, s.channel, key).Err(); err != nil {
		if ctx.Err() == nil { // not a client that went away
			s.fails.fail("release", err)
		}
		return fmt.Errorf("redisstore: release: %w", err)
	}
	s.fails.ok()
	return nil
}

// Done implements [idempotency.Notifier]: the channel closes when any
// replica completes or releases key, or after [StoreConfig.WaitPoll],
// whichever comes first, so that a missed message or a holder that died
// costs at most WaitPoll per look. The first call subscribes to the
// store's channel; after [Store.Close], waiters poll.
func (s *Store) Done(key string) <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sub == nil && !s.closed {
		s.subscribe()
	}
	if w := s.waiters[key]; w != nil {
		return w.ch
	}
	w := &waiter{ch: make(chan struct{})}
	w.timer = time.AfterFunc(s.waitPoll, func() { s.wake(key, w) })
	s.waiters[key] = w
	return w.ch
}

// wake closes w's channel if it is still key's waiter (w nil: whichever
// is).
func (s *Store) wake(key string, w *waiter) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := s.waiters[key]
	if cur == nil || w != nil && cur != w {
		return
	}
	delete(s.waiters, key)
	cur.timer.Stop()
	close(cur.ch)
}

// subscribe starts the loop that wakes waiters from the store's channel;
// s.mu is held.
func (s *Store) subscribe() {
	ctx, cancel := context.WithCancel(context.Background())
	s.sub = s.rdb.Subscribe(ctx, s.channel)
	s.stop = cancel
	s.subDone = make(chan struct{})
	go func(ps *redis.PubSub, done chan struct{}) {
		defer close(done)
		backoff := backoffMin
		for {
			msg, err := ps.Receive(ctx)
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				s.fails.fail("wait", err)
				if !sleep(ctx, backoff) {
					return
				}
				backoff = min(2*backoff, backoffMax)
				continue
			}
			backoff = backoffMin
			if m, ok := msg.(*redis.Message); ok {
				s.wake(m.Payload, nil)
			}
		}
	}(s.sub, s.subDone)
}

// The bounds of the back-off between two attempts to re-subscribe: the
// largest keeps recovery within a second of Redis coming back.
const (
	backoffMin = 50 * time.Millisecond
	backoffMax = 400 * time.Millisecond
)

// sleep waits d or until ctx is done, and reports whether ctx is not.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// Close ends the store's subscription and wakes its waiters, which poll
// from then on. The store still claims, completes and releases keys; it
// does not close the client.
func (s *Store) Close() error {
	s.mu.Lock()
	s.closed = true
	sub, stop, done := s.sub, s.stop, s.subDone
	for key, w := range s.waiters {
		w.timer.Stop()
		close(w.ch)
		delete(s.waiters, key)
	}
	s.mu.Unlock()
	if sub == nil {
		return nil
	}
	stop()
	err := sub.Close()
	<-done
	return err
}
