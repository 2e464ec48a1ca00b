package idempotency

import (
	"net/http"
	"slices"
)

// capture passes a response through to the client while keeping a copy of
// its status and body for the store.
type capture struct {
	http.ResponseWriter
	status int
	body   []byte
	header http.Header // the replayed headers, as of WriteHeader
	names  []string
	done   bool // the handler returned: pass writes through, keep nothing
}

func (c *capture) WriteHeader(code int) {
	if c.status == 0 && code >= 200 && !c.done {
		c.status = code
		c.snapshot()
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *capture) Write(b []byte) (int, error) {
	if !c.done {
		if c.status == 0 {
			c.status = http.StatusOK
			c.snapshot()
		}
		c.body = append(c.body, b...)
	}
	return c.ResponseWriter.Write(b)
}

// Unwrap lets [http.ResponseController] reach the writer beneath.
func (c *capture) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// snapshot copies the headers that are replayed, as they are sent.
func (c *capture) snapshot() {
	h := c.ResponseWriter.Header()
	for _, k := range c.names {
		if vs, ok := h[k]; ok && len(vs) > 0 {
			if c.header == nil {
				// No size hint: a map of up to 8 headers is one
				// group, where a hint of len(c.names) (12 by default)
				// would double what every stored record holds.
				c.header = make(http.Header)
			}
			c.header[k] = slices.Clip(append([]string(nil), vs...)) // an append copies
		}
	}
}

// Flush sends what was written so far; the copy is kept.
func (c *capture) Flush() {
	if c.status == 0 && !c.done {
		c.status = http.StatusOK
		c.snapshot()
	}
	_ = http.NewResponseController(c.ResponseWriter).Flush()
}
