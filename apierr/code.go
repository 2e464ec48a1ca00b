package apierr

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
)

// A Code identifies one entry of a [Catalogue]: its wire ID, HTTP status and
// message. Codes are small integers, cheap to copy and compare; the constants
// of the Nexpay v2 catalogue ([GEN9001] ... [CHT0004]) and the codes other
// catalogues register are all Codes.
//
// A Code is an error, so a handler may return one directly, and
// errors.Is(err, code) holds for every [*Error] of that code.
//
// The zero Code is not a valid code; its methods report an unknown code
// with status 500.
type Code uint32

// Spec describes a code to register in a [Catalogue].
type Spec struct {
	ID          string // wire identifier, in the catalogue's own format ("PAY0100", "-32600", "INSUFFICIENT_FUNDS")
	Status      int    // HTTP status, 400-599
	Message     string // human-readable message, exactly as documented
	Extension   bool   // an errkit extension rather than a code of the provider's catalogue
	Description string // when the code is sent (for docs and OpenAPI)
}

// codeDef is what the registry holds for one code. It never changes once
// registered.
type codeDef struct {
	Spec
	cat     *Catalogue
	module  Module
	errText string // "[PAY0001] Payment not found" in a catalogue that brackets IDs, the message elsewhere
}

var (
	registryMu sync.Mutex
	registry   atomic.Pointer[[]*codeDef] // index = Code; [0] is the unknown code
	unknownDef = &codeDef{Spec: Spec{ID: "", Status: http.StatusInternalServerError, Message: "unknown code"}, errText: "unknown code"}
)

func init() {
	if registry.Load() == nil {
		registry.Store(&[]*codeDef{unknownDef})
	}
}

func (c Code) def() *codeDef {
	defs := registry.Load()
	if defs == nil || int(c) >= len(*defs) {
		return unknownDef
	}
	return (*defs)[c]
}

// register adds def to the global registry and returns its Code.
// The caller holds registryMu.
func register(def *codeDef) Code {
	old := registry.Load()
	if old == nil {
		old = &[]*codeDef{unknownDef}
	}
	next := make([]*codeDef, len(*old), len(*old)+1)
	copy(next, *old)
	next = append(next, def)
	registry.Store(&next)
	return Code(len(next) - 1)
}

// ID returns the code's wire identifier without decoration: "PAY0001".
func (c Code) ID() string { return c.def().ID }

// String returns the code's ID, or "Code(n)" for a code no catalogue holds.
func (c Code) String() string {
	d := c.def()
	if d == unknownDef {
		return fmt.Sprintf("Code(%d)", uint32(c))
	}
	return d.ID
}

// Status returns the HTTP status the code is sent with.
func (c Code) Status() int { return c.def().Status }

// Message returns the catalogue's message for the code, without the code:
// "Payment not found".
func (c Code) Message() string { return c.def().Message }

// Description returns when the code is sent, where the catalogue says so.
func (c Code) Description() string { return c.def().Description }

// Extension reports whether the code is an errkit extension rather than a
// code of the provider's own catalogue.
func (c Code) Extension() bool { return c.def().Extension }

// Module returns the module the code belongs to; the zero Module for
// catalogues without modules.
func (c Code) Module() Module { return c.def().module }

// Catalogue returns the catalogue that holds the code, or nil for a code
// no catalogue holds.
func (c Code) Catalogue() *Catalogue { return c.def().cat }

// Valid reports whether the code is held by a catalogue.
func (c Code) Valid() bool { return c.def() != unknownDef }

// Error returns the code's message as the contract renders it:
// "[PAY0001] Payment not found" for Nexpay v2.
func (c Code) Error() string { return c.def().errText }

// MarshalText encodes the code as its ID.
func (c Code) MarshalText() ([]byte, error) {
	if !c.Valid() {
		return nil, fmt.Errorf("apierr: marshal of unknown code %d", uint32(c))
	}
	return []byte(c.ID()), nil
}

// UnmarshalText looks the ID up in the Nexpay v2 catalogue; use
// [Catalogue.Lookup] for another catalogue.
func (c *Code) UnmarshalText(text []byte) error {
	code, ok := nexpay.cat.Lookup(string(text))
	if !ok {
		return fmt.Errorf("apierr: unknown code %q", text)
	}
	*c = code
	return nil
}

// A Module groups the codes of one part of an API; in Nexpay v2 it is the
// three-letter prefix of a code ("PAY" for Payments).
type Module struct {
	Prefix string // the codes' prefix: "PAY"
	Name   string // the module's name in the provider's table: "Payments"
}

// A Catalogue is a set of codes that share one ID format: the Nexpay v2
// catalogue ([Nexpay].Catalogue()), or one a contract package registers.
// Registration is safe for concurrent use but belongs in start-up code:
// mistakes are refused when the code is registered, never at request time.
type Catalogue struct {
	name        string
	checkID     func(id string) error
	checkPrefix func(prefix string) error // of modules; nil accepts any
	bracketed   bool                      // messages start with the ID in brackets: "[PAY0001] Payment not found"

	mu      sync.RWMutex
	byID    map[string]Code
	codes   []Code
	modules []Module
}

// NewCatalogue returns an empty catalogue. checkID, if not nil, refuses IDs
// not of the catalogue's format.
func NewCatalogue(name string, checkID func(id string) error) *Catalogue {
	return &Catalogue{name: name, checkID: checkID, byID: map[string]Code{}}
}

// Name returns the catalogue's name.
func (c *Catalogue) Name() string { return c.name }

// Register adds a code. It refuses, with an error that says why, an ID not
// of the catalogue's format, a status outside 400-599, an empty message and
// an ID the catalogue already holds.
func (c *Catalogue) Register(s Spec) (Code, error) {
	if c.checkID != nil {
		if err := c.checkID(s.ID); err != nil {
			return 0, fmt.Errorf("apierr: %s: register %q: %w", c.name, s.ID, err)
		}
	} else if s.ID == "" {
		return 0, fmt.Errorf("apierr: %s: register: empty code", c.name)
	}
	if s.Status < 400 || s.Status > 599 {
		return 0, fmt.Errorf("apierr: %s: register %s: status %d is not an error status (400-599)", c.name, s.ID, s.Status)
	}
	if s.Message == "" {
		return 0, fmt.Errorf("apierr: %s: register %s: empty message", c.name, s.ID)
	}
	def := &codeDef{Spec: s, cat: c, errText: c.text(s.ID, s.Message)}
	if mods := c.Modules(); len(mods) > 0 {
		prefix := s.ID[:len(s.ID)-len(strings.TrimLeftFunc(s.ID, unicode.IsLetter))]
		i := slices.IndexFunc(mods, func(m Module) bool { return m.Prefix == prefix })
		if i < 0 {
			return 0, fmt.Errorf("apierr: %s: register %s: module %s is not declared (see AddModule)", c.name, s.ID, prefix)
		}
		def.module = mods[i]
	}
	registryMu.Lock()
	defer registryMu.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, dup := c.byID[s.ID]; dup {
		return 0, fmt.Errorf("apierr: %s: register %s: the catalogue already has this code", c.name, s.ID)
	}
	code := register(def)
	c.byID[s.ID] = code
	c.codes = append(c.codes, code)
	return code, nil
}

// text returns a code's message as errors show it: after the ID in
// brackets, in a catalogue that writes it so.
func (c *Catalogue) text(id, message string) string {
	if c.bracketed {
		return "[" + id + "] " + message
	}
	return message
}

// label returns a code's ID as bodies and docs show it.
func (c *Catalogue) label(id string) string {
	if c.bracketed {
		return "[" + id + "]"
	}
	return id
}

// MustRegister is like [Catalogue.Register] but panics on error; for
// package-level variables.
func (c *Catalogue) MustRegister(s Spec) Code {
	code, err := c.Register(s)
	if err != nil {
		panic(err)
	}
	return code
}

// Lookup finds a code by its ID.
func (c *Catalogue) Lookup(id string) (Code, bool) {
	c.mu.RLock()
	code, ok := c.byID[id]
	c.mu.RUnlock()
	return code, ok
}

// Codes returns the catalogue's codes in registration order.
func (c *Catalogue) Codes() []Code {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return append([]Code(nil), c.codes...)
}

// Modules returns the catalogue's modules in declaration order.
func (c *Catalogue) Modules() []Module {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return append([]Module(nil), c.modules...)
}

// AddModule declares a module. In a catalogue with modules, a code is of
// the module whose prefix is its ID's leading letters, and a code of no
// declared module is refused.
func (c *Catalogue) AddModule(m Module) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, have := range c.modules {
		if have.Prefix == m.Prefix {
			return fmt.Errorf("apierr: %s: module %s already declared", c.name, m.Prefix)
		}
	}
	if m.Prefix == "" {
		return fmt.Errorf("apierr: %s: module %q has no prefix", c.name, m.Name)
	}
	if c.checkPrefix != nil {
		if err := c.checkPrefix(m.Prefix); err != nil {
			return fmt.Errorf("apierr: %s: module prefix %q: %w", c.name, m.Prefix, err)
		}
	}
	if m.Name == "" {
		return fmt.Errorf("apierr: %s: module %s has no name", c.name, m.Prefix)
	}
	c.modules = append(c.modules, m)
	return nil
}

// Unregistered returns an error of a code the catalogue does not hold, as a
// contract's Parse meets it in a response: the error keeps the ID, status
// and message it was sent with, its Code is the zero Code, and errors.Is
// matches another error of the same catalogue and ID. Nothing is registered,
// so parsing responses never grows the catalogue.
func (c *Catalogue) Unregistered(s Spec) *Error {
	return &Error{d: &codeDef{Spec: s, cat: c, errText: c.text(s.ID, s.Message)}}
}
