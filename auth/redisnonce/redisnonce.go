// Package redisnonce is an [auth.NonceStore] in Redis, for a fleet of
// servers that must refuse a nonce any of them accepted: one Lua script
// checks and records each nonce in one step.
package redisnonce

import (
	"context"
	"strconv"

	"github.com/redis/go-redis/v9"
)

// advance sets KEYS[1] to ARGV[1] when it holds no number or a smaller
// one, and returns 1; else it returns 0 and changes nothing. Nonces are
// below 2^53, which Lua's numbers hold exactly.
var advance = redis.NewScript(`
local last = redis.call('GET', KEYS[1])
if last and tonumber(last) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1])
return 1
`)

// Store keeps the last nonce of each API key in Redis, under prefix + key.
// The records do not expire: a key's last nonce must outlive every
// request signed with an older one. Redis holds one short string per key
// that ever signed a request successfully.
//
// When Redis cannot answer, Advance returns its error and the verifier
// refuses the request (fails closed) with the contract's unavailable
// code: accepting it could let a replay through. A Redis that lost its
// data (restarted without persistence) accepts any nonce of a key once
// more, so run it with persistence where replays matter.
type Store struct {
	client redis.Scripter
	prefix string
}

// New returns a Store over client (a *redis.Client, *redis.ClusterClient
// or *redis.Ring) whose keys start with prefix ("nonce:"). Build the
// client with ContextTimeoutEnabled, so that a slow Redis holds a request
// no longer than its context allows.
func New(client redis.Scripter, prefix string) *Store {
	return &Store{client: client, prefix: prefix}
}

// Advance implements [auth.NonceStore]: one round trip to Redis (two the
// first time a server runs the script).
func (s *Store) Advance(ctx context.Context, key string, nonce uint64) (bool, error) {
	n, err := advance.Run(ctx, s.client, []string{s.prefix + key}, strconv.FormatUint(nonce, 10)).Int()
	if err != nil {
		return false, err
	}
	return n == 1, nil
}
