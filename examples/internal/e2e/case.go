package e2e

// A Case is one scenario: requests sent in order to one server, each
// checked against what it must answer.
type Case struct {
	Name   string
	Server string // which server: "" is the default one, else a key of Servers
	Steps  []Step
}

// A Step is one request and its expected answer. In Path, Body and
// Header values, {name} is replaced by a saved variable; {iban+}, {ref+}
// and {key+} make a fresh valid IBAN, payment reference or idempotency
// key and save it as {iban}, {ref} or {key}.
type Step struct {
	Method string
	Path   string
	Body   string            // JSON unless ContentType says otherwise
	Header map[string]string // "Authorization": "" sends none; the API key is the default
	// ContentType overrides the JSON default; "-" sends none.
	ContentType string
	File        *File // a multipart/form-data upload, in place of Body
	BigBody     int   // a JSON body padded to this many bytes, in place of Body

	Status     int
	Code       string            // "[PAY0001]": an error body of the contract with this code
	Details    map[string]any    // keys of details that must be as given
	Fields     []string          // names in details.fields, in order
	WantHeader map[string]string // headers that must be as given ("" = present, "~x" = holds x, "!x" = present, not x)
	Contains   []string          // substrings the body must hold
	RetryAfter int               // Retry-After must be at most this and within a minute of it
	Save       map[string]string // variable -> top-level JSON string field of the answer
	SaveBody   string            // keep the whole body under this name
	SameBody   string            // the body must equal the one kept under this name
}

// A File is an upload.
type File struct {
	Field, Name, Type string
	Data              []byte
}

// Servers are the flags of the servers a Case may name.
var Servers = map[string][]string{
	"":            nil,
	"maintenance": {"-maintenance", "1h"},
	"expiry":      {"-quote-ttl", "1ns"},
	"small":       {"-max-body", "256"},
}
