package middleware

import (
	"sync"
	"time"
)

// The default log sampling: per code, the first DefaultLogFirst 4xx
// records of each DefaultLogPeriod are logged, the rest counted and
// dropped. See [WithLogSampling].
const (
	DefaultLogFirst  = 10
	DefaultLogPeriod = time.Second
)

// maxSampledCodes bounds the codes a sampler keeps a window for; the codes
// past it share one window, so that no input grows its memory.
const maxSampledCodes = 1024

// WithLogSampling sets how many 4xx failure records are logged per code:
// the first first of every period; the others are dropped and counted, and
// the next record of the same code that is logged carries that count as
// its "suppressed" attribute. 5xx records are never dropped. The default is
// [DefaultLogFirst] per [DefaultLogPeriod]; first <= 0 logs every record.
// A period <= 0 means [DefaultLogPeriod].
//
// Sampling applies to the log only: the metrics hook of [WithMetrics]
// sees every failure.
func WithLogSampling(first int, period time.Duration) Option {
	return func(s *Set) {
		if first <= 0 {
			s.sampler = nil
			return
		}
		s.sampler = newSampler(first, period, time.Now)
	}
}

// A sampler decides which 4xx records are logged: per code, the first
// first records of each window of period.
type sampler struct {
	first  int
	period time.Duration
	now    func() time.Time

	mu      sync.Mutex
	windows map[string]*window
}

// A window counts the records of one code in the current period.
type window struct {
	start   time.Time
	logged  int // records logged since start
	dropped int // records dropped since the last one logged
}

func newSampler(first int, period time.Duration, now func() time.Time) *sampler {
	if period <= 0 {
		period = DefaultLogPeriod
	}
	return &sampler{first: first, period: period, now: now, windows: make(map[string]*window)}
}

// admit reports whether a record of code is logged and, when it is, how
// many records of code were dropped since the last one logged.
func (s *sampler) admit(code string) (ok bool, suppressed int) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.windows[code]
	if w == nil {
		if len(s.windows) >= maxSampledCodes {
			code = ""
			w = s.windows[code]
		}
		if w == nil {
			w = &window{start: now}
			s.windows[code] = w
		}
	}
	if now.Sub(w.start) >= s.period {
		w.start, w.logged = now, 0
	}
	if w.logged >= s.first {
		w.dropped++
		return false, 0
	}
	w.logged++
	suppressed, w.dropped = w.dropped, 0
	return true, suppressed
}
