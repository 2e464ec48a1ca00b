package redisstore

import (
	"context"
	"strconv"

	"github.com/redis/go-redis/v9"
)

// advanceNonce sets KEYS[1] to ARGV[1] when it holds no number or a
// smaller one, and returns 1; else it returns 0 and changes nothing.
// Nonces are below 2^53, which Lua's numbers hold exactly.
var advanceNonce = redis.NewScript(`
local last = redis.call('GET', KEYS[1])
if last and tonumber(last) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1])
return 1
`)

// NoncesConfig configures [Nonces].
type NoncesConfig struct {
	// Options are the settings every piece shares: prefix, timeout,
	// logger, error hook.
	Options
}

// Nonces is an auth.NonceStore shared by every replica, for
// auth.Config.Nonces: the last nonce of each API key, under
// "<Prefix>nonce:<key>", checked and recorded by one Lua script in one
// round trip, so that the fleet refuses a nonce any replica accepted.
// Records do not expire: a key's last nonce must outlive every request
// signed with an older one; Redis holds one short string per key that
// ever signed a request successfully.
//
// It fails closed: when Redis is down or slower than [Options.Timeout],
// Advance returns the error, [Options.OnError] is called and a log record
// says so (at most one every 10 s), and the verifier refuses the request
// with the contract's unavailable code, since accepting it could let a
// replay through. A Redis that lost its data (restarted without
// persistence) accepts each key's nonces afresh: persist it where replays
// matter.
type Nonces struct {
	rdb    redis.UniversalClient
	opt    Options
	prefix string // <Prefix>nonce:
	fails  *failures
}

// NewNonces returns the nonce store on rdb, which must honour context
// deadlines (see [NewClient]).
func NewNonces(rdb redis.UniversalClient, cfg NoncesConfig) (*Nonces, error) {
	if err := checkClient(rdb); err != nil {
		return nil, err
	}
	o := cfg.Options.withDefaults()
	return &Nonces{rdb: rdb, opt: o, prefix: o.Prefix + "nonce:", fails: newFailures("nonces", o)}, nil
}

// Advance records nonce as key's last and reports true when it is greater
// than the last one recorded (auth.NonceStore); otherwise it records
// nothing and reports false. A request whose client went away is not
// reported as Redis failing.
func (n *Nonces) Advance(ctx context.Context, key string, nonce uint64) (bool, error) {
	cctx, cancel := context.WithTimeout(ctx, n.opt.Timeout)
	defer cancel()
	v, err := advanceNonce.Run(cctx, n.rdb, []string{n.prefix + key}, strconv.FormatUint(nonce, 10)).Int()
	if err != nil {
		if ctx.Err() == nil {
			n.fails.fail("advance", err)
		}
		return false, err
	}
	n.fails.ok()
	return v == 1, nil
}
