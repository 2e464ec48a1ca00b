package idempotency

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/middleware"
)

// Middleware answers repeated idempotency keys; build one with [New].
type Middleware struct {
	header       string
	methods      []string
	scope        func(*http.Request) string // nil with defaultScope
	defaultScope bool
	ttl          time.Duration
	contract     apierr.Contract // nil: the enclosing middleware's
	set          *middleware.Set // renders in contract when it is set
	replayStatus int
	wait         time.Duration
	bodyKey      string
	bodyKeyOnly  bool // the header is never read
	refuseReuse  bool
	store        Store
	maxBody      int64
	headers      []string
	now          func() time.Time
	logger       *slog.Logger
	onUnstored   func(*http.Request, error)
}

// New returns the middleware cfg describes, or an error if cfg is invalid
// (a bad header name, a safe method to cover, a replay status not 2xx).
func New(cfg Config) (*Middleware, error) { return cfg.build() }

// Handler wraps next: requests of a covered method that carry the key
// header go through [Middleware.Serve], the others straight to next at no
// cost.
func (m *Middleware) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !m.Covers(r) {
			next.ServeHTTP(w, r)
			return
		}
		m.Serve(w, r, next.ServeHTTP)
	})
}

// Covers reports whether r is of a covered method and carries the key
// header (possibly empty, which [Middleware.Serve] refuses), or may carry
// the key in its body ([Config.BodyKey]).
func (m *Middleware) Covers(r *http.Request) bool {
	for _, meth := range m.methods {
		if r.Method == meth {
			return m.bodyKey != "" || len(r.Header[m.header]) > 0
		}
	}
	return false
}

// Serve answers r with the stored response of its key, with an error of the
// contract, or by running next and storing what it writes. Routers' doors
// call it with a next that runs their handler and error handler, so that
// error responses are stored too. A request without the key header goes
// straight to next.
func (m *Middleware) Serve(w http.ResponseWriter, r *http.Request, next func(http.ResponseWriter, *http.Request)) {
	if err := m.ServeError(w, r, next); err != nil {
		if m.set != nil && middleware.SetOf(w) == nil {
			m.set.Respond(w, r, err) // no Set around: Config.Contract's
		} else {
			middleware.Error(w, r, err) // the enclosing Set's contract
		}
	}
}

// ServeError is [Middleware.Serve] for doors that answer errors
// themselves (echo's HTTPErrorHandler): it returns the middleware's own
// failure (a key in progress, reused with another request, malformed, a
// body too large, a store that fails) instead of writing it, and has
// written nothing then, except for Retry-After on a key in progress.
// The error is an [*apierr.ConditionError] (Conflict, IdempotencyMismatch,
// BadRequest, TooLarge or Unavailable), or, when [Config.Contract] is set,
// the [*apierr.Error] of that contract's code.
func (m *Middleware) ServeError(w http.ResponseWriter, r *http.Request, next func(http.ResponseWriter, *http.Request)) error {
	var vals []string
	if !m.bodyKeyOnly {
		vals = r.Header[m.header]
	}
	if len(vals) == 0 && m.bodyKey == "" {
		next(w, r)
		return nil
	}
	if len(vals) > 0 && (len(vals) != 1 || !ValidKey(vals[0])) {
		return m.failure(w, apierr.BadRequest, nil, m.keyError(m.header, "header", vals))
	}
	s := statePool.Get().(*state)
	defer s.free()
	body, err := s.readBody(r, m.maxBody)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.Is(err, errTooLarge) || errors.As(err, &mbe) {
			return m.failure(w, apierr.TooLarge, err)
		}
		return m.failure(w, apierr.BadRequest, err)
	}
	var idem string
	if len(vals) > 0 {
		idem = vals[0]
	} else {
		k, found, bad := m.keyFromBody(r, body)
		if bad != nil {
			return m.failure(w, apierr.BadRequest, nil, *bad)
		}
		if !found {
			s.serveBody(w, r, body, next)
			return nil
		}
		idem = k
	}
	fp := fingerprint(r, body, s)
	var sh [sha256.Size]byte
	if m.defaultScope {
		s.scope = appendDefaultScope(s.scope[:0], r)
		sh = sha256.Sum256(s.scope)
	} else {
		sh = scopeHash(m.scope(r))
	}
	s.key = append(append(hex.AppendEncode(s.key[:0], sh[:]), ':'), idem...)
	key := string(s.key)

	ctx := r.Context()
	rec, claimed, err := m.store.Claim(ctx, key, fp)
	if err == nil && !claimed && !rec.Done && rec.Fingerprint == fp && m.wait > 0 && !m.refuseReuse {
		rec, claimed, err = m.await(ctx, key, fp)
	}
	switch {
	case err != nil:
		return m.failure(w, apierr.Unavailable, err)
	case claimed:
		m.run(w, r, next, s, body, key, fp)
	case m.refuseReuse:
		return m.failure(w, apierr.Conflict, nil)
	case rec.Fingerprint != fp:
		return m.failure(w, apierr.IdempotencyMismatch, nil)
	case !rec.Done:
		return m.failure(w, apierr.InProgress, nil)
	default:
		m.replay(w, rec)
	}
	return nil
}

// run runs next for the request that claimed key and stores its response,
// or releases the key if it is a 5xx or next panics.
//
// A response that was answered (not a 5xx) is never released, even when
// the store fails to keep it: the client has it, and a free key would run
// the handler a second time (a second payment). A failed completion is
// tried once more, then the claim is left to the store, which frees it
// when its lease ends ([Store.Complete]), and the failure is reported.
//
// The capture is the request's own, not pooled: a writer that outlives
// next (echo.WrapMiddleware's error handler writes after it) passes
// through it to w without being recorded.
func (m *Middleware) run(w http.ResponseWriter, r *http.Request, next func(http.ResponseWriter, *http.Request), s *state, body []byte, key string, fp Fingerprint) {
	cw := &capture{ResponseWriter: w, names: m.headers}
	ctx := context.WithoutCancel(r.Context())
	answered := false
	defer func() {
		cw.done = true
		if !answered {
			_ = m.store.Release(ctx, key)
		}
	}()
	s.serveBody(cw, r, body, next)
	cw.done = true
	if cw.status == 0 {
		cw.status = http.StatusOK
		cw.snapshot()
	}
	if cw.status >= 500 {
		return
	}
	answered = true
	rec := &Record{
		Fingerprint: fp,
		Done:        true,
		Status:      cw.status,
		Header:      cw.header,
		Body:        cw.body,
		Expires:     m.now().Add(m.ttl),
	}
	err := m.store.Complete(ctx, key, rec)
	if err == nil {
		return
	}
	if err = m.store.Complete(ctx, key, rec); err != nil {
		m.unstored(r, key, cw.status, err)
	}
}

// unstored reports a response that was answered but could not be stored:
// its key stays claimed until the store's lease ends.
func (m *Middleware) unstored(r *http.Request, key string, status int, err error) {
	if m.onUnstored != nil {
		m.onUnstored(r, err)
	}
	l := m.logger
	if l == nil {
		l = slog.Default()
	}
	ctx := r.Context()
	if !l.Enabled(ctx, slog.LevelError) {
		return
	}
	l.LogAttrs(ctx, slog.LevelError, "idempotency: response not stored; its key stays in flight until the store's lease ends",
		slog.String("method", r.Method), slog.String("path", r.URL.Path),
		slog.String("request_id", middleware.RequestIDFrom(r)),
		slog.String("idempotency_key", key[strings.IndexByte(key, ':')+1:]),
		slog.Int("status", status), slog.String("error", err.Error()))
}

var hvTrue = []string{"true"}

// replay writes a stored response.
func (m *Middleware) replay(w http.ResponseWriter, rec *Record) {
	h := w.Header()
	for k, vs := range rec.Header {
		h[k] = vs
	}
	h[ReplayHeader] = hvTrue
	status := rec.Status
	if m.replayStatus != 0 && status >= 200 && status <= 299 {
		status = m.replayStatus
	}
	w.WriteHeader(status)
	_, _ = w.Write(rec.Body)
}

// await waits until the key's first request completes, the wait is over
// or the client goes away, then claims the key again. A [Notifier] store
// wakes it; another is polled.
func (m *Middleware) await(ctx context.Context, key string, fp Fingerprint) (*Record, bool, error) {
	deadline := time.NewTimer(m.wait)
	defer deadline.Stop()
	notifier, _ := m.store.(Notifier)
	var poll *time.Timer
	step := time.Millisecond
	for {
		var wake <-chan struct{}
		var tick <-chan time.Time
		if notifier != nil {
			wake = notifier.Done(key)
		} else {
			if poll == nil {
				poll = time.NewTimer(step)
				defer poll.Stop()
			} else {
				poll.Reset(step)
			}
			tick = poll.C
			step = min(2*step, 50*time.Millisecond)
		}
		if wake != nil || tick != nil {
			select {
			case <-ctx.Done():
				return &Record{Fingerprint: fp}, false, nil
			case <-deadline.C:
				return m.store.Claim(ctx, key, fp)
			case <-wake:
			case <-tick:
			}
		}
		rec, claimed, err := m.store.Claim(ctx, key, fp)
		if err != nil || claimed || rec.Done || rec.Fingerprint != fp {
			return rec, claimed, err
		}
	}
}

// failure returns the middleware's own failure for cond: a condition for
// the enclosing middleware to answer in its contract, or the code of
// [Config.Contract] when set. A key in progress and a store that fails
// get Retry-After on w, which the condition cannot carry.
func (m *Middleware) failure(w http.ResponseWriter, cond apierr.Condition, cause error, fields ...apierr.FieldError) error {
	ce := apierr.NewCondition(cond).WithCause(cause)
	if len(fields) > 0 {
		ce.WithFields(fields...)
	}
	retry := cond == apierr.InProgress || cond == apierr.Unavailable
	if retry {
		w.Header()["Retry-After"] = hvRetry
	}
	if m.contract == nil {
		return ce
	}
	e := ce.In(m.contract)
	if retry {
		e.WithRetryAfter(retryAfter)
	}
	return e
}

// retryAfter is how long a request whose key is in progress, or whose
// store failed, is told to wait before it retries.
const retryAfter = time.Second

var hvRetry = []string{"1"}

// keyError describes what is wrong with a key sent as field in in.
func (m *Middleware) keyError(field, in string, vals []string) apierr.FieldError {
	fe := apierr.FieldError{Field: field, In: in}
	switch {
	case len(vals) > 1:
		fe.Rule, fe.Message = "single", field+" must be sent once"
	case vals[0] == "":
		fe.Rule, fe.Message = "required", field+" must not be empty"
	case len(vals[0]) > MaxKeyLen:
		fe.Rule, fe.Param = "max", strconv.Itoa(MaxKeyLen)
		fe.Message = field + " must be at most " + fe.Param + " characters long"
	default:
		fe.Rule, fe.Message = "charset", field+" may hold only letters, digits and - _ . : ~ + / ="
	}
	return fe
}

// keyFromBody reads the key from the top-level member [Config.BodyKey] of
// a JSON object body. found is false when the body is not a JSON object
// or has no such member: the request is not covered.
func (m *Middleware) keyFromBody(r *http.Request, body []byte) (key string, found bool, bad *apierr.FieldError) {
	if !isJSON(r.Header.Get("Content-Type")) {
		return "", false, nil
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) != nil {
		return "", false, nil
	}
	raw, ok := obj[m.bodyKey]
	if !ok || string(raw) == "null" {
		return "", false, nil
	}
	if json.Unmarshal(raw, &key) != nil {
		return "", false, &apierr.FieldError{Field: m.bodyKey, Rule: "type", Param: "string", Message: m.bodyKey + " must be a string"}
	}
	if !ValidKey(key) {
		fe := m.keyError(m.bodyKey, "", []string{key})
		return "", false, &fe
	}
	return key, true, nil
}

var errTooLarge = errors.New("idempotency: request body too large")

// state is one keyed request's scratch space, pooled.
type state struct {
	body  []byte
	fp    []byte
	key   []byte
	scope []byte
	rd    bodyReader
	cw    capture
}

var statePool = sync.Pool{New: func() any { return new(state) }}

// maxPooled is the largest buffer kept in the pool.
const maxPooled = 64 << 10

func (s *state) free() {
	s.rd.Reset(nil)
	if cap(s.body) > maxPooled || cap(s.fp) > maxPooled || cap(s.scope) > maxPooled {
		return
	}
	statePool.Put(s)
}

// readBody reads r's body whole into s.body, up to max bytes.
func (s *state) readBody(r *http.Request, max int64) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	b := s.body[:0]
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Body.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		s.body = b
		if int64(len(b)) > max {
			return nil, errTooLarge
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// serveBody runs next with body, read for the fingerprint, as r's body,
// then gives r its own (drained) body back, so that nothing reads the
// pooled buffer after the request.
func (s *state) serveBody(w http.ResponseWriter, r *http.Request, body []byte, next func(http.ResponseWriter, *http.Request)) {
	orig := r.Body
	s.rd.Reset(body)
	r.Body = &s.rd
	defer func() { r.Body = orig }()
	next(w, r)
}

// bodyReader gives the handler the body read for the fingerprint.
type bodyReader struct{ bytes.Reader }

func (*bodyReader) Close() error { return nil }
