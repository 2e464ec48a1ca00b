// Package logtest is a sink of JSON lines for tests: the records of a
// slog logger, or spans written as JSON, that a test reads back while a
// server still writes to it.
package logtest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"log/slog"
	"sync"
)

// A Sink keeps the JSON records of its logger. It is safe for concurrent
// use.
type Sink struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p to the sink.
func (s *Sink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

// Logger returns a logger that writes JSON records to s, at every level
// from Info up.
func (s *Sink) Logger() *slog.Logger { return slog.New(slog.NewJSONHandler(s, nil)) }

// Records returns the records written so far, decoded, and their size in
// bytes.
func (s *Sink) Records() ([]map[string]any, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var recs []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(s.buf.Bytes()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			return nil, 0, err
		}
		recs = append(recs, m)
	}
	return recs, s.buf.Len(), sc.Err()
}
