package sandbox

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

// Demo credentials, printed at start-up; pass -api-key and -admin-token
// to use others.
const (
	DemoAPIKey     = "pk_test_sandbox"
	DemoAdminToken = "admin_test_sandbox"
)

// Config is what the flags set.
type Config struct {
	Addr        string
	Auth        string // -auth: [AuthAPIKey] or [AuthSigned]
	Keys        Keys
	Rate        float64       // requests per second per API key
	RateSet     bool          // -rate was given; else the contract's preset, if it has one
	Maintenance time.Duration // start in maintenance for this long; 0 = not
	QuoteTTL    time.Duration
	MaxBody     int64  // largest JSON body, in bytes
	Contract    string // name of the error contract; see [DialectNamed]
	// Redis is the URL of the Redis a fleet of replicas shares
	// idempotency keys, maintenance and rate limits in; "" keeps them in
	// memory.
	Redis string
	// RedisTimeout bounds every Redis call.
	RedisTimeout time.Duration
	// Shared is that state once [Main] (or a test) has opened it.
	Shared *Shared

	Metrics bool   // serve Prometheus metrics at [MetricsPath]
	Trace   string // where spans go: "" (nowhere) or "stdout"
	// Telemetry is built by [Main] from Metrics and Trace; nil is off.
	Telemetry *Telemetry
}

// ParseFlags reads the command line of a sandbox server.
func ParseFlags(name string, args []string, output io.Writer) (Config, error) {
	var c Config
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(output)
	fs.StringVar(&c.Addr, "addr", "127.0.0.1:8080", "`address` to listen on (port 0 picks a free one)")
	fs.StringVar(&c.Keys.APIKey, "api-key", DemoAPIKey, "API key clients send as \"Authorization: ApiKey <key>\"")
	fs.StringVar(&c.Auth, "auth", AuthAPIKey, "how clients authenticate: `apikey` (Authorization: ApiKey <key>) or signed (the contract's own scheme, see docs/auth.md)")
	fs.StringVar(&c.Keys.APISecret, "api-secret", DemoAPISecret, "secret of the API key, for -auth signed")
	fs.StringVar(&c.Keys.AdminToken, "admin-token", DemoAdminToken, "token for /admin, sent as \"Authorization: Bearer <token>\"")
	fs.Float64Var(&c.Rate, "rate", 200, "requests per second allowed per API key (under -contract cryptopay, without it: its 200 a minute)")
	fs.DurationVar(&c.Maintenance, "maintenance", 0, "start in maintenance for this `duration`")
	fs.DurationVar(&c.QuoteTTL, "quote-ttl", 30*time.Second, "how long a quote holds")
	fs.Int64Var(&c.MaxBody, "max-body", 1<<20, "largest JSON request body, in `bytes`")
	fs.StringVar(&c.Contract, "contract", "nexpay", "error `contract` the server answers in: "+strings.Join(ContractNames(), ", "))
	fs.DurationVar(&c.RedisTimeout, "redis-timeout", 50*time.Millisecond, "deadline of every Redis call (with -redis)")
	fs.StringVar(&c.Redis, "redis", "", "`URL` of a Redis (redis://host:port/db, rediss://...) shared by a fleet of replicas for idempotency keys, maintenance and rate limits; empty keeps them in memory")
	fs.BoolVar(&c.Metrics, "metrics", false, "serve Prometheus metrics at "+MetricsPath)
	fs.StringVar(&c.Trace, "trace", "", "write a span per request to `exporter`: stdout, or empty for none")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	fs.Visit(func(f *flag.Flag) { c.RateSet = c.RateSet || f.Name == "rate" })
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	switch {
	case c.Keys.APIKey == "" || c.Keys.AdminToken == "" || c.Keys.APISecret == "":
		return c, errors.New("-api-key, -api-secret and -admin-token must not be empty")
	case c.Auth != AuthAPIKey && c.Auth != AuthSigned:
		return c, fmt.Errorf("-auth must be %s or %s", AuthAPIKey, AuthSigned)
	case c.Rate <= 0:
		return c, errors.New("-rate must be positive")
	case c.Maintenance < 0 || c.QuoteTTL <= 0:
		return c, errors.New("-maintenance must not be negative and -quote-ttl must be positive")
	case c.MaxBody <= 0:
		return c, errors.New("-max-body must be positive")
	case c.RedisTimeout <= 0:
		return c, errors.New("-redis-timeout must be positive")
	case c.Trace != "" && c.Trace != "stdout":
		return c, fmt.Errorf("-trace %q: want stdout or nothing", c.Trace)
	}
	if _, err := DialectNamed(c.Contract); err != nil {
		return c, err
	}
	if c.Redis != "" {
		if err := checkRedisURL(c.Redis); err != nil {
			return c, err
		}
	}
	return c, nil
}
