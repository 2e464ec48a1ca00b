package auth_test

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/auth"
	"github.com/errkit/errkit/auth/noncetest"
)

// Requests of one key with increasing nonces, sent at once: each is either
// served or refused as not monotonous (never anything else), no nonce is
// served twice, and the largest served is the key's last.
func TestConcurrentNonces(t *testing.T) {
	srvs := twoReplicas(t, new(auth.MemoryNonces))
	concurrentNonces(t, srvs)
}

// twoReplicas returns two servers, each with its own verifier, sharing the
// nonce store.
func twoReplicas(t *testing.T, store auth.NonceStore) []*server {
	return []*server{newServer(t, nexpaylegacy.Contract, legacyScheme, store), newServer(t, nexpaylegacy.Contract, legacyScheme, store)}
}

func concurrentNonces(t *testing.T, srvs []*server) {
	_, max := noncetest.Concurrent(t, func(worker int, n uint64) bool {
		status, got := srvs[worker%len(srvs)].send(t, req{body: body, key: "pk_live", nonce: strconv.FormatUint(n, 10)})
		if status != 200 && (status != 403 || !strings.HasPrefix(got, `{"errors":[{"code":50,"message":"Nonce is not monotonous"}]`)) {
			t.Errorf("nonce %d: %d %s", n, status, got)
		}
		return status == 200
	})
	for _, srv := range srvs {
		if status, _ := srv.send(t, req{body: body, key: "pk_live", nonce: strconv.FormatUint(max, 10)}); status != 403 {
			t.Errorf("the largest nonce served, again: %d", status)
		}
	}
	if status, _ := srvs[0].send(t, req{body: body, key: "pk_live", nonce: strconv.FormatUint(max+1, 10)}); status != 200 {
		t.Errorf("the next nonce: %d", status)
	}

	// One nonce sent at once to every replica: one request is served.
	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			if status, _ := srvs[i%len(srvs)].send(t, req{body: body, key: "pk_live", nonce: strconv.FormatUint(max+2, 10)}); status == 200 {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Errorf("one nonce sent 16 times at once was served %d times", wins.Load())
	}
}
