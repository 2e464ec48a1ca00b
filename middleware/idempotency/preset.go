package idempotency

import (
	"net/http"

	"github.com/errkit/errkit/apierr"
)

// Preset returns the Config of contract c's idempotency, as its document
// describes it, failures answered in c:
//
//   - NextAPI ("nextapi"): the X-Idempotency-Key header; the same key with
//     other parameters is 409 IDEMPOTENCY_CONFLICT;
//   - the Payout API ("payout"): the body's external_id identifies a
//     create, and its repeat is answered 200, the "already exists" answer
//     of its document, with the first body;
//   - Cryptopay ("cryptopay"): the body's custom_id; a value used before
//     is 409 conflict, whatever came with it ([Config.RefuseReuse]);
//   - Nexpay v2 and any other contract: the Idempotency-Key header, the
//     same key with another body 422 (Nexpay v2: [GEN9422]).
//
// For the Payout API and Cryptopay the body member is the only key
// ([Config.BodyKeyOnly]): an Idempotency-Key header is not read, so that a
// client cannot make a repeated external_id or custom_id look new by
// sending one.
//
// The other fields keep their defaults; set Scope when clients are not
// told apart by their Authorization or X-API-Key header.
func Preset(c apierr.Contract) Config {
	cfg := Config{Contract: c, Header: DefaultHeader}
	if c == nil {
		return cfg
	}
	switch c.Name() {
	case "nextapi":
		cfg.Header = "X-Idempotency-Key"
	case "payout":
		cfg.BodyKey, cfg.BodyKeyOnly, cfg.ReplayStatus = "external_id", true, http.StatusOK
	case "cryptopay":
		cfg.BodyKey, cfg.BodyKeyOnly, cfg.RefuseReuse = "custom_id", true, true
	}
	return cfg
}
